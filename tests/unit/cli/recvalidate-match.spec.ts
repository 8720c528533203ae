import { test, expect } from '@playwright/test';
// Unit tests of the CLI's internal helpers: imported directly.
import { matchTexts, normalize, type FrameWords } from '../../../packages/cli/dist/commands/recvalidate-match.js';

const words = (text: string, confidence = 0.9) => text.split(' ').map((word) => ({ text: word, confidence }));
const frame = (seconds: number, ...readings: string[]): FrameWords => ({ seconds, readings: readings.map((reading) => words(reading)) });

test('a text is found across the words OCR split or punctuated it into, whatever the case', () => {
  expect(normalize('Sign-in, NOW!')).toBe('signinnow');
  const [match] = matchTexts(['sign in now'], [frame(0, 'Please Sign-in now.')], 0.5);
  expect(match).toMatchObject({ found: true, seenAt: [0], firstSeconds: 0, lastSeconds: 0, confidence: 0.9 });
});

test('a match starts and ends on word boundaries: "cat" is not read inside "concatenate"', () => {
  expect(matchTexts(['cat'], [frame(0, 'concatenate the files')], 0)[0]?.found).toBe(false);
  expect(matchTexts(['cat'], [frame(0, 'the cat sat')], 0)[0]?.found).toBe(true);
});

test('each text reports the frames it was read in, first and last time, and its best confidence over the readings', () => {
  const frames: FrameWords[] = [
    { seconds: 0, readings: [words('Loading')] },
    { seconds: 1, readings: [words('Order placed', 0.6), words('Order placed', 0.95)] },
    { seconds: 2, readings: [words('Ordr placed')] },
    { seconds: 3, readings: [words('Order placed', 0.8)] },
  ];
  const [order, loading, missing] = matchTexts(['Order placed', 'loading', 'Goodbye'], frames, 0.5);
  expect(order).toEqual({ text: 'Order placed', found: true, seenAt: [1, 3], firstSeconds: 1, lastSeconds: 3, confidence: 0.95 });
  expect(loading).toMatchObject({ found: true, seenAt: [0] });
  expect(missing).toEqual({ text: 'Goodbye', found: false, seenAt: [] });
});

test('a reading below the least confidence does not count; a text of only punctuation is never found', () => {
  const frames = [{ seconds: 0, readings: [words('Total 42', 0.3)] }];
  expect(matchTexts(['Total 42'], frames, 0.5)[0]?.found).toBe(false);
  expect(matchTexts(['Total 42'], frames, 0.2)[0]?.found).toBe(true);
  expect(matchTexts(['...'], frames, 0)[0]?.found).toBe(false);
});
