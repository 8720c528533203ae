import prettyBytes from 'pretty-bytes';

/** Sizes in SI units (kB, MB), as npm and most file tools print them. */
export const formatBytes = (bytes: number): string => prettyBytes(bytes);

export function formatRate(bytes: number, ms: number): string {
  return ms > 0 ? `${formatBytes((bytes * 1000) / ms)}/s` : '-';
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
