import type { Page } from '@playwright/test';
import pLimit from 'p-limit';
import { withFreshPage, type Explorer } from './explore.js';
import { settledState } from './observe.js';
import { effectSignature, outcomeChecks, type OutcomeOptions } from './outcome.js';
import { playStep } from './replay.js';
import type { GeneratedTest, InteractionKind, SkippedCandidate, Step } from './types.js';
import { findInteractions, type Interaction } from './widgets.js';

/** Bounds of exploring states: how many, how deep, until when. */
export interface StateLimits {
  maxStates: number;
  depth: number;
  /** Epoch milliseconds after which no new probe starts. */
  deadline: number;
}

/** A state of the page: the steps (interactions and their checks) that build it from a fresh load. */
interface State {
  steps: Step[];
  /** What each interaction that built it did, for titles: `added "Example text"`. */
  story: string[];
  depth: number;
  /** How often each control was used on the way here. */
  uses: Map<string, number>;
}

export interface StateFindings {
  tests: (GeneratedTest & { effect: string })[];
  skipped: SkippedCandidate[];
  states: number;
}

/** Enter, one item at a time, at most twice in a row: "two items" is what a scenario needs to compare. */
const MAX_USES = 2;

function key(interaction: Interaction): string {
  return `${interaction.kind}|${JSON.stringify(interaction.target ?? interaction.name)}`;
}

async function replayState(page: Page, state: State, timeout: number): Promise<void> {
  for (const step of state.steps) await playStep(page, step, timeout);
}

/** What the interaction did, as a title says it. */
function phrase(interaction: Interaction, steps: Step[], typed: string | undefined): string {
  const name = interaction.name ? `"${interaction.name}"` : 'it';
  switch (interaction.kind) {
    case 'enter':
      return `entering "${typed ?? ''}" in ${name}`;
    case 'edit':
      return `editing ${name} in place`;
    case 'toggle':
      return `${steps[0]?.kind === 'uncheck' ? 'unchecking' : 'checking'} ${name}`;
    case 'radio':
      return `choosing ${name}`;
    case 'select':
      return `choosing "${steps[0]?.kind === 'select' ? steps[0].value : ''}" in ${name}`;
    case 'tab':
      return `opening tab ${name}`;
    case 'disclosure':
      return `expanding ${name}`;
    case 'shortcut':
      return `pressing ${name}`;
    case 'remove':
    case 'click':
      return `clicking ${interaction.role} ${name}${interaction.kind === 'remove' ? ' in the first item' : ''}`;
  }
}

/** Checks that say most about a state change first: counts, what went away, new text; the URL last. */
const TELLING: Step['kind'][] = ['expectCount', 'expectHidden', 'expectVisible', 'expectChecked', 'expectAttribute', 'expectFocused', 'expectValue', 'expectUrl'];

/** What the checks say, shortly: the title's promise. */
function effectPhrase(checks: Step[]): string {
  const ranked = [...checks].sort((a, b) => TELLING.indexOf(a.kind) - TELLING.indexOf(b.kind));
  return ranked.slice(0, 2).map((check) => check.description).join(' and ');
}

type Probe = { test?: GeneratedTest & { effect: string }; next?: State; skip?: SkippedCandidate };

async function probe(explorer: Explorer, url: string, label: string, state: State, interaction: Interaction, options: OutcomeOptions): Promise<Probe> {
  const title = `${label}: ${[...state.story, phrase(interaction, [], undefined)].join(', then ')}`;
  return withFreshPage(explorer, url, async (page) => {
    await replayState(page, state, explorer.timeout);
    const before = await settledState(page, explorer.timeout);
    const played = await interaction.play(page, explorer.timeout, state.uses.get(key(interaction)) ?? 0);
    if ('reason' in played) return { skip: { title, reason: played.reason } };
    const checks = [...(await outcomeChecks(page, before, { ...options, ...(played.typed ? { typed: played.typed } : {}) })), ...(played.checks ?? [])];
    if (!checks.length) return { skip: { title, reason: 'it changes nothing a test can see' } };
    const effect = effectSignature(checks, before.items);
    const removed = effect.includes('count-') || effect.includes('count0');
    const kind: InteractionKind = interaction.kind === 'remove' && !removed ? 'click' : interaction.kind;
    const did = phrase({ ...interaction, kind }, played.steps, played.typed);
    const scenario = state.story.length > 0;
    const test = {
      title: `${label}: ${scenario ? `after ${state.story.join(', ')}, ` : ''}${did} shows ${effectPhrase(checks)}`,
      kind: scenario ? ('scenario' as const) : ('interaction' as const),
      interaction: kind,
      url,
      steps: [...state.steps, ...played.steps, ...checks],
      effect,
    };
    const uses = new Map(state.uses);
    uses.set(key(interaction), (uses.get(key(interaction)) ?? 0) + 1);
    const next: State = { steps: test.steps, story: [...state.story, did], depth: state.depth + 1, uses };
    return { test, ...(interaction.builds ? { next } : {}) };
  });
}

/**
 * Explores the states interactions build on one page, breadth first: the loaded page, then what
 * each building interaction (typing and Enter, checking) leaves, and so on, `limits.depth`
 * interactions deep, at most `limits.maxStates` states, starting no probe after `limits.deadline`.
 * Each probe replays the state's steps on a fresh page, plays one interaction and checks what it
 * changed; what a scenario checks is its last interaction's effect, in the state the others built.
 */
export async function exploreStates(explorer: Explorer, url: string, label: string, options: OutcomeOptions, limits: StateLimits): Promise<StateFindings> {
  const findings: StateFindings = { tests: [], skipped: [], states: 0 };
  const queue: State[] = [{ steps: [], story: [], depth: 0, uses: new Map() }];
  const atLoad = new Set<string>();
  /** Interactions that earned a test: those with `again` are probed in each built state until they do. */
  const earned = new Set<string>();
  while (queue.length && findings.states < limits.maxStates && Date.now() < limits.deadline) {
    const state = queue.shift()!;
    findings.states++;
    let interactions: Interaction[];
    try {
      interactions = await withFreshPage(explorer, url, async (page) => {
        await replayState(page, state, explorer.timeout);
        await settledState(page, explorer.timeout);
        return findInteractions(page, explorer.timeout, state.depth > 0);
      });
    } catch (error) {
      findings.skipped.push({ title: `${label}: after ${state.story.join(', ')}`, reason: `the state could not be rebuilt: ${firstLine(error)}` });
      continue;
    }
    // In a built state, what the loaded page already offered was probed there: only what is new, in a
    // list item or adds more is worth probing again.
    const tried = interactions.filter((interaction) => {
      if ((state.uses.get(key(interaction)) ?? 0) >= MAX_USES) return false;
      if (state.depth === 0) return true;
      return !atLoad.has(key(interaction)) || interaction.builds || interaction.kind === 'remove' || interaction.kind === 'edit' || (interaction.again === true && !earned.has(key(interaction)));
    });
    if (state.depth === 0) for (const interaction of interactions) atLoad.add(key(interaction));
    // Listed with the reason it cannot be played (an accesskey), without a page to probe it on.
    for (const { kind, name, unplayable } of tried) if (unplayable) findings.skipped.push({ title: `${label}: ${kind} "${name}"`, reason: unplayable });
    const played = tried.filter((interaction) => !interaction.unplayable);
    const outcomes = await pLimit(explorer.concurrency).map(played, (interaction) =>
      Date.now() > limits.deadline
        ? Promise.resolve<Probe>({ skip: { title: `${label}: ${interaction.kind} "${interaction.name}"`, reason: 'the time for exploring states ran out' } })
        : probe(explorer, url, label, state, interaction, options).catch((error: unknown): Probe => ({ skip: { title: `${label}: ${interaction.kind} "${interaction.name}"`, reason: `exploring it failed: ${firstLine(error)}` } })),
    );
    outcomes.forEach((outcome, i) => {
      if (outcome.test && played[i]) earned.add(key(played[i]));
    });
    for (const outcome of outcomes) {
      if (outcome.test) findings.tests.push(outcome.test);
      if (outcome.skip) findings.skipped.push(outcome.skip);
      if (outcome.next && outcome.next.depth <= limits.depth) queue.push(outcome.next);
    }
  }
  return findings;
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
