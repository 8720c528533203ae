import type { Browser, LaunchOptions } from '@playwright/test';

/**
 * How a generated test finds an element, in the order Playwright's codegen prefers them: a test id,
 * a role with its accessible name, a placeholder, a label, alt text, visible text, a title. An element
 * none of these pins down alone is found inside a container that does (`within`).
 */
export type LocatorSpec =
  | { by: 'testid'; value: string }
  | { by: 'role'; role: string; name?: string; exact?: boolean }
  | { by: 'placeholder' | 'label' | 'alt' | 'text' | 'title'; value: string; exact?: boolean }
  | { by: 'within'; scope: ScopeSpec; inner: LocatorSpec };

/**
 * A container found by its tag and what only it holds: a piece of text (`locator(tag).filter({ hasText })`)
 * or an element (`locator(tag).filter({ has })`).
 */
export type ScopeSpec = { tag: string; hasText: string } | { tag: string; has: LocatorSpec };

export type Step =
  | { kind: 'click'; target: LocatorSpec; description: string }
  | { kind: 'fill'; target: LocatorSpec; value: string; description: string }
  | { kind: 'check'; target: LocatorSpec; description: string }
  | { kind: 'uncheck'; target: LocatorSpec; description: string }
  | { kind: 'press'; target: LocatorSpec; key: string; description: string }
  /**
   * A keyboard shortcut: `key` in Playwright's keyboard.press syntax, pressed with no field focused;
   * `blur` is the element that had the focus, blurred first.
   */
  | { kind: 'pressKey'; key: string; blur?: LocatorSpec; description: string }
  | { kind: 'dblclick'; target: LocatorSpec; description: string }
  /** Moves the pointer over an element, to show controls that appear only on hover. */
  | { kind: 'hover'; target: LocatorSpec; description: string }
  | { kind: 'select'; target: LocatorSpec; value: string; description: string }
  | { kind: 'submit'; target: LocatorSpec; description: string }
  | {
      kind: 'expectVisible';
      target: LocatorSpec;
      /** The text it shows, when the locator itself does not already say it. */
      text?: string;
      /** Plain content (not a link, button, label or field): a YAML suite can check it with a harmless click. */
      plain: boolean;
      description: string;
    }
  | { kind: 'expectValue'; target: LocatorSpec; value: string; description: string }
  | { kind: 'expectChecked'; target: LocatorSpec; checked: boolean; description: string }
  | { kind: 'expectCount'; target: LocatorSpec; count: number; description: string }
  | { kind: 'expectHidden'; target: LocatorSpec; description: string }
  | { kind: 'expectFocused'; target: LocatorSpec; description: string }
  | { kind: 'expectAttribute'; target: LocatorSpec; name: string; value: string; description: string }
  | { kind: 'expectUrl'; url: string; description: string }
  | { kind: 'expectTitle'; title: string; description: string };

export type TestKind = 'content' | 'navigation' | 'form' | 'button' | 'interaction' | 'scenario';

/** What an interaction test (or a scenario's last step) does to the page. */
export type InteractionKind = 'enter' | 'toggle' | 'radio' | 'select' | 'tab' | 'disclosure' | 'edit' | 'remove' | 'click' | 'shortcut';

export interface GeneratedTest {
  title: string;
  kind: TestKind;
  /** The page the test opens first. */
  url: string;
  steps: Step[];
  /** Interaction and scenario tests: the kind of their last interaction. */
  interaction?: InteractionKind;
  /** What its checks observed, without texts: tests on one page with the same control role and effect are merged. */
  effect?: string;
}

export interface GenerateOptions {
  /** How many links deep to follow same-origin links from the start page (default 1; 0 = the start page only). */
  depth?: number;
  /** At most this many tests (`ai_testing.max_generated_tests`; default 50). */
  maxTests?: number;
  /** At most this many pages explored (default 20). */
  maxPages?: number;
  /** Milliseconds an exploring action or check may wait for an element (default 15000). */
  actionTimeout?: number;
  /** Fresh pages explored or replayed at once (default 3). */
  concurrency?: number;
  /** How to launch Chromium when `generate` is given a URL and no `browser`. */
  launchOptions?: LaunchOptions;
  /** A browser to explore with when `generate` is given a URL; it is left open. */
  browser?: Browser;
  /** At most this many page states (reached by earlier interactions) explored for scenarios (default 6; 0 = none). */
  maxStates?: number;
  /** At most this many interactions before the one a scenario checks (default 3). */
  stateDepth?: number;
  /** Seconds exploring states may take before it stops starting new probes (default 120). */
  stateSeconds?: number;
  /** Name of the generated suite and spec (default: from the start page's title). */
  name?: string;
}

/** A candidate test that was explored but left out, and why. */
export interface SkippedCandidate {
  title: string;
  reason: string;
}

export interface GenerateResult {
  /** The suite's name. */
  name: string;
  startUrl: string;
  /** Pages explored, in the order they were visited (final URLs after redirects). */
  pages: string[];
  tests: GeneratedTest[];
  skipped: SkippedCandidate[];
  /** Candidates left out because a kept test has the same page, control role and observed effect. */
  merged: SkippedCandidate[];
  /** Candidates that passed one replay and failed another: flaky, not written out. */
  flaky: SkippedCandidate[];
  /** The Playwright spec, TypeScript. */
  spec: string;
  /** The equivalent Panoptic YAML suite. */
  yaml: string;
}
