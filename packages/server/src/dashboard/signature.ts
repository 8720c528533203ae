// A failure's signature: its error's first line with what changes from run to run taken out, so
// "Timeout 5000ms exceeded at /ci/42/app.ts:17" and "Timeout 3000ms exceeded at /ci/43/app.ts:9"
// group together. Order matters: longer shapes (UUIDs, URLs, paths) go before the bare numbers in them.

const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;
const RULES: readonly (readonly [RegExp, string])[] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<id>'],
  [/\bhttps?:\/\/[^\s'"`)]+/gi, '<url>'],
  [/(?:[A-Za-z]:)?(?:[\\/][\w.@~+-]+){2,}(?::\d+){0,2}/g, '<path>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<hex>'],
  [/\b\d+(?:\.\d+)?\s?(?:ms|s|sec|seconds|m|min|minutes|h)\b/gi, '<duration>'],
  [/\b\d+(?:\.\d+)?\b/g, '<n>'],
];

export const SIGNATURE_MAX = 300;

/** The normalised first line of an error; "(no error message)" when there is none. */
export function errorSignature(error: string | null | undefined): string {
  const line = (error ?? '').replace(ANSI, '').split('\n').map((text) => text.trim()).find(Boolean);
  if (!line) return '(no error message)';
  let signature = line;
  for (const [pattern, replacement] of RULES) signature = signature.replace(pattern, replacement);
  return signature.replace(/\s+/g, ' ').slice(0, SIGNATURE_MAX);
}
