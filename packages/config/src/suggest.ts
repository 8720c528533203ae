import { distance } from 'fastest-levenshtein';

/** Case, `_`, `-` and spaces are noise when people mistype keys (`screenshotFormat`, `Screenshot-Format`). */
function normalize(word: string): string {
  return word.toLowerCase().replace(/[\s_-]+/g, '');
}

interface Ranked {
  candidate: string;
  score: number;
  raw: number;
}

function rank(word: string, candidates: readonly string[]): Ranked[] {
  const wanted = normalize(word);
  return candidates
    .map((candidate) => ({
      candidate,
      score: distance(wanted, normalize(candidate)),
      raw: distance(word, candidate),
    }))
    .sort((a, b) => a.score - b.score || a.raw - b.raw);
}

/**
 * The candidate `word` was most likely meant to be, or undefined when none is a near miss: a
 * suggestion that is far off misleads more than it helps.
 */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const [best] = rank(word, candidates);
  if (!best) return undefined;
  // Two edits cover a swapped pair of letters (`wbe`, `tpye`); never so many that a short word
  // could turn into anything.
  const wanted = normalize(word).length;
  const longest = Math.max(wanted, normalize(best.candidate).length);
  const tolerance = Math.min(Math.max(2, Math.floor(longest / 3)), wanted - 1);
  return best.score <= tolerance ? best.candidate : undefined;
}

/** The `count` candidates closest to `word`, closest first, however far they are. */
export function nearest(word: string, candidates: readonly string[], count: number): string[] {
  return rank(word, candidates)
    .slice(0, count)
    .map((ranked) => ranked.candidate);
}
