import prettyBytes from 'pretty-bytes';

// Playwright colours messages for terminals; a summary from an older reporter may still carry the codes.
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/** Sizes in SI units (kB, MB), as npm and most file tools print them. */
export const formatBytes = (bytes: number): string => prettyBytes(bytes);

export { formatDuration, formatRate, formatTime } from '@panoptic/model/svg-charts';

// One formatter for the page: `toLocaleString` makes a new one per call, thousands of times per report.
const COUNT = new Intl.NumberFormat('en-US');

export function formatCount(count: number): string {
  return COUNT.format(count);
}

/** A count with its noun: "1 test", "2 tests". `many` is for nouns that do not just add an s. */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}

/** A message cut to what a reader scans: the first lines, with how much was left out. */
export function truncateMessage(message: string, maxLines = 40, maxChars = 3000): string {
  const clean = message.replace(ANSI, '');
  const lines = clean.split('\n');
  let text = lines.slice(0, maxLines).join('\n');
  let cut = lines.length > maxLines;
  if (text.length > maxChars) {
    text = text.slice(0, maxChars);
    cut = true;
  }
  if (!cut) return text;
  const hiddenLines = lines.length - text.split('\n').length;
  return `${text}\n… (${hiddenLines > 0 ? `${hiddenLines} more lines` : 'truncated'})`;
}

export function firstLine(message: string): string {
  return message.replace(ANSI, '').split('\n').find((line) => line.trim()) ?? '';
}
