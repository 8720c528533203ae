import { z } from 'zod';

export type AppType = 'web' | 'desktop' | 'mobile';

export const ALL_APP_TYPES: readonly AppType[] = ['web', 'desktop', 'mobile'];

/** Keys of an action beside `name`, `type`, `parameters`, `screenshot` and `record`, which every type has. */
export type ActionKey = 'url' | 'target' | 'value' | 'selector' | 'wait_time' | 'duration';

/**
 * Everything the loader, the JSON Schema and the runner know about one action type. Adding an action
 * type is one definition here and one handler in the fixtures' runner; the compiler checks that both
 * maps cover every type.
 */
export interface ActionDefinition<P extends z.ZodType = z.ZodType> {
  /** What it does, in one line: the JSON Schema's description. */
  summary: string;
  /** The action keys it reads; any other is a located warning ("has no effect on ..."). */
  keys: readonly ActionKey[];
  /** Its `parameters`, a strict map: unknown keys and wrong values are located errors. */
  parameters: P;
  /** The app types that can play it; on another type it is a located error. */
  appTypes: readonly AppType[];
  /** Set while this version cannot play it: the capability it waits for (validates with a warning, fails when played). */
  unavailable?: string;
}

/** A file name inside the test's output folder (where it may go is checked by the safety rules). */
export const artifactFile = z.string().min(1);

/** Keeps each definition's own parameter schema type, so handlers get typed parameters. */
export function defineAction<P extends z.ZodType>(definition: ActionDefinition<P>): ActionDefinition<P> {
  return definition;
}
