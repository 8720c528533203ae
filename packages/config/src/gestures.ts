import type { Finding, IssuePath } from './issues.js';
import { isMap, rawActions } from './raw.js';
import { didYouMean } from './suggest.js';
import { describeFound, quote, showValue } from './values.js';

/**
 * Gestures a `click` plays instead of a tap, named in its `parameters`: the 27 action types of the
 * original schema stay fixed, so touch gestures ride on the action that already means "touch".
 */
export const GESTURES = ['back', 'swipe'] as const;
export type Gesture = (typeof GESTURES)[number];

export const SWIPE_DIRECTIONS = ['up', 'down', 'left', 'right'] as const;
export type SwipeDirection = (typeof SWIPE_DIRECTIONS)[number];

/** A swipe covers this share of the screen (or of its element) unless `distance` says otherwise. */
export const DEFAULT_SWIPE_DISTANCE = 0.5;

export interface GestureRequest {
  gesture: Gesture;
  direction: SwipeDirection;
  distance: number;
}

/** The gesture a click's parameters ask for, or undefined for a plain tap. Assumes a valid suite. */
export function gestureOf(parameters: Record<string, unknown> | undefined): GestureRequest | undefined {
  const gesture = parameters?.gesture;
  if (gesture !== 'back' && gesture !== 'swipe') return undefined;
  const direction = (parameters?.direction as SwipeDirection | undefined) ?? 'up';
  const distance = typeof parameters?.distance === 'number' ? parameters.distance : DEFAULT_SWIPE_DISTANCE;
  return { gesture, direction, distance };
}

function oneOf(value: unknown, allowed: readonly string[], path: IssuePath, what: string): Finding[] {
  if (typeof value === 'string' && allowed.includes(value)) return [];
  const guess = typeof value === 'string' ? didYouMean(value, allowed) : undefined;
  const hint = guess ? ` (did you mean ${quote(guess)}?)` : '';
  return [{ path, message: `unknown ${what} ${showValue(value, path)}${hint}; expected one of ${allowed.map(quote).join(', ')}` }];
}

/** Gesture parameters of click actions: a typo would otherwise quietly become a plain tap. */
export function gestureFindings(suite: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const { action, path } of rawActions(suite)) {
    const parameters = action.parameters;
    if (!isMap(parameters) || !('gesture' in parameters)) continue;
    const at = [...path, 'parameters'];
    if (action.type !== 'click') {
      findings.push({ path: [...at, 'gesture'], message: `a gesture is played by a click action, not by ${showValue(action.type, [...path, 'type'])}` });
      continue;
    }
    findings.push(...oneOf(parameters.gesture, GESTURES, [...at, 'gesture'], 'gesture'));
    if (parameters.direction !== undefined) {
      findings.push(...oneOf(parameters.direction, SWIPE_DIRECTIONS, [...at, 'direction'], 'swipe direction'));
    }
    const distance = parameters.distance;
    if (distance !== undefined && (typeof distance !== 'number' || !(distance > 0 && distance <= 1))) {
      findings.push({ path: [...at, 'distance'], message: `expected a share of the screen above 0 and at most 1 (e.g. 0.5), found ${describeFound(distance, [...at, 'distance'])}` });
    }
  }
  return findings;
}
