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
  | { kind: 'expectChecked'; target: LocatorSpec; description: string }
  | { kind: 'expectUrl'; url: string; description: string }
  | { kind: 'expectTitle'; title: string; description: string };

export type TestKind = 'content' | 'navigation' | 'form' | 'button';

export interface GeneratedTest {
  title: string;
  kind: TestKind;
  /** The page the test opens first. */
  url: string;
  steps: Step[];
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
  /** The Playwright spec, TypeScript. */
  spec: string;
  /** The equivalent Panoptic YAML suite. */
  yaml: string;
}
