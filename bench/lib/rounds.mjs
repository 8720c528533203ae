// Paired, alternating rounds: every round runs each variant once, in an order that alternates
// (A B, then B A), so neither side always runs first, and a slow moment of the machine falls on
// both sides of a round instead of on one variant.

/**
 * Runs `rounds` rounds of `measure(variant, round)` over `variants`, after one untimed `warmup`
 * round when asked. Returns each variant's samples in round order.
 */
export async function alternatingRounds({ variants, rounds, measure, warmup = true, log = true }) {
  if (warmup) for (const variant of variants) await measure(variant, 0);
  const samples = Object.fromEntries(variants.map((variant) => [variant, []]));
  for (let round = 1; round <= rounds; round++) {
    const order = round % 2 ? variants : [...variants].reverse();
    for (const variant of order) {
      const sample = await measure(variant, round);
      samples[variant].push(sample);
      if (log) process.stdout.write(`round ${round} ${variant.padEnd(16)} ${JSON.stringify(sample)}\n`);
    }
  }
  return samples;
}

/** The pairs [a, b] of one figure of two variants, round by round. */
export function pairsOf(samples, a, b, key) {
  return samples[a].map((sample, i) => [sample[key], samples[b][i][key]]);
}
