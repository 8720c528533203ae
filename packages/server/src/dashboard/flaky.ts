import type { Outcome } from '../domain/runs-merge.js';

// The flaky ranking, from history alone. It is written on the trends page as FLAKY_FORMULA says.

/** How many of the project's newest runs the score reads. */
export const FLAKY_WINDOW = 30;
/** Each run older weighs this much less than the one after it. */
export const FLAKY_DECAY = 0.9;

export const FLAKY_FORMULA =
  `score = Σ wₖ·fₖ / Σ wₖ over the test's results in the newest ${FLAKY_WINDOW} runs (k = 0 for the newest), ` +
  `with wₖ = ${FLAKY_DECAY}^k and fₖ = 1 when result k was flaky (passed on a retry) or passed where the result before it failed ` +
  'or failed where it passed, else 0. Skipped results are left out. 0 is steady, 1 flips every run.';

export interface OutcomeAt {
  outcome: Outcome;
  run_id: string;
  /** 0 for the newest run read. */
  age: number;
}

export interface FlakyScore {
  score: number;
  flips: number;
  /** The oldest run in the window where the test flipped or was flaky. */
  since: string;
}

const passed = (outcome: Outcome): boolean => outcome !== 'unexpected';

/** A test's flakiness from its outcomes (any order); undefined when it never flipped. */
export function flakyScore(history: readonly OutcomeAt[]): FlakyScore | undefined {
  const ran = history.filter((item) => item.outcome !== 'skipped').sort((a, b) => a.age - b.age);
  let weighted = 0;
  let weights = 0;
  let flips = 0;
  let since: string | undefined;
  ran.forEach((item, i) => {
    const weight = FLAKY_DECAY ** item.age;
    const older = ran[i + 1];
    const flipped = item.outcome === 'flaky' || (older !== undefined && passed(older.outcome) !== passed(item.outcome));
    weights += weight;
    if (!flipped) return;
    weighted += weight;
    flips++;
    since = item.run_id;
  });
  if (!flips || since === undefined) return undefined;
  return { score: weighted / weights, flips, since };
}
