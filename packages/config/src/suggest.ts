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
  const longest = Math.max(normalize(word).length, normalize(best.candidate).length);
  const tolerance = Math.max(1, Math.floor(longest / 3));
  return best.score <= tolerance ? best.candidate : undefined;
}

/** The `count` candidates closest to `word`, closest first, however far they are. */
export function nearest(word: string, candidates: readonly string[], count: number): string[] {
  return rank(word, candidates)
    .slice(0, count)
    .map((ranked) => ranked.candidate);
}
