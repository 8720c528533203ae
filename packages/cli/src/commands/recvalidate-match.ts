type Words = { text: string; confidence: number }[];

/** The words OCR read in one sampled frame, in reading order, once per reading (e.g. per scale). */
export interface FrameWords {
  seconds: number;
  readings: Words[];
}

export interface TextMatch {
  text: string;
  found: boolean;
  /** Times of the frames it was read in, in seconds from the start. */
  seenAt: number[];
  firstSeconds?: number;
  lastSeconds?: number;
  /** The best mean OCR confidence (0..1) of the words that make it up, over the frames it was read in. */
  confidence?: number;
}

/**
 * Letters and digits only, lower case: OCR splits, joins and punctuates words unpredictably
 * ("Sign-in", "Sign in", "Signin."), so the comparison ignores everything else.
 */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * Where `needle` appears in the frame's words joined together, starting at a word's start and ending
 * at a word's end (so "cat" is not read inside "concatenate"); the best mean confidence, if anywhere.
 */
function bestMatch(needle: string, words: Words): number | undefined {
  const parts = words.map((word) => ({ text: normalize(word.text), confidence: word.confidence })).filter((word) => word.text);
  let best: number | undefined;
  for (let start = 0; start < parts.length; start++) {
    let joined = '';
    let total = 0;
    for (let end = start; end < parts.length && joined.length < needle.length; end++) {
      joined += parts[end]!.text;
      total += parts[end]!.confidence;
      if (joined === needle) {
        const mean = total / (end - start + 1);
        best = Math.max(best ?? 0, mean);
      }
    }
  }
  return best;
}

/** For each expected text, the frames in which OCR read it with at least `minConfidence`. */
export function matchTexts(expected: string[], frames: FrameWords[], minConfidence: number): TextMatch[] {
  return expected.map((text) => {
    const needle = normalize(text);
    const match: TextMatch = { text, found: false, seenAt: [] };
    if (!needle) return match;
    for (const frame of frames) {
      const found = frame.readings.map((words) => bestMatch(needle, words)).filter((value) => value !== undefined);
      if (!found.length) continue;
      const confidence = Math.max(...found);
      if (confidence < minConfidence) continue;
      match.seenAt.push(frame.seconds);
      match.confidence = Math.max(match.confidence ?? 0, confidence);
    }
    match.found = match.seenAt.length > 0;
    if (match.found) {
      match.firstSeconds = match.seenAt[0];
      match.lastSeconds = match.seenAt.at(-1);
    }
    return match;
  });
}
