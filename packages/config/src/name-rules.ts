/** The most bytes a file or folder name may have on the file systems runs write to. */
export const MAX_NAME_BYTES = 255;

// Controls, invisible formatting characters (bidi overrides, zero-width ones) and line or
// paragraph separators: storage keys refuse them, and the bidi ones make a name read as another.
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** `U+202E` for the first control or invisible formatting character of `text`, if any. */
export function invisibleCharacter(text: string): string | undefined {
  const found = INVISIBLE.exec(text)?.[0];
  return found === undefined ? undefined : `U+${found.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first `/`-separated part of `text` longer than `limit` bytes. */
export function oversizedPart(text: string, limit = MAX_NAME_BYTES): string | undefined {
  return text.split('/').find((part) => byteLength(part) > limit);
}
