import { stripVTControlCharacters } from 'node:util';

const NUMBERED_LINE = /^>?\s*\d+\s*\|/;

/**
 * A code frame line (`  12 |   await page.click()` or `> 12 | ...`), its caret line, or a stack
 * frame: they quote the user's code, which can say anything, so they are never evidence.
 */
function isCodeFrame(line: string): boolean {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('at ')) return trimmed.length < line.length;
  return trimmed.startsWith('|') || trimmed.startsWith('Error Context:') || NUMBERED_LINE.test(trimmed);
}

/** The message without colours, code frames and stack lines: what the classifier reads. */
export function normalizeMessage(text: string): string {
  // Playwright colours messages meant for a console; the classifier reads the text alone.
  const lines = stripVTControlCharacters(text).replace(/\r\n?/g, '\n').split('\n');
  return lines
    .filter((line) => !isCodeFrame(line))
    .join('\n')
    .trim();
}
