import { byteLength, invisibleCharacter, MAX_NAME_BYTES, oversizedPart } from './name-rules.js';
import { quote } from './values.js';

/** Room the run needs after a file name's stem: an extension (`.webm`) and a number for repeats (`-99`). */
const MAX_STEM_BYTES = 240;
/** The extensions the run replaces with the one of the format it writes. */
const KNOWN_EXTENSION = /\.(png|jpe?g|webm|mp4|json)$/i;

// The store refuses keys with these percent-escapes ('.', '/', '\', '%', controls, bytes >= 0x80):
// a store or proxy that decoded them could read a different path.
const KEY_ESCAPE = /%(2e|2f|5c|25|[01][0-9a-f]|7f|[89a-f][0-9a-f])/i;

function partReason(part: string): string | undefined {
  if (part === '') return 'has an empty part (a doubled or trailing "/")';
  // "." and ".." are the path checks' to report; longer dot runs, spaces and their full-width forms
  // are names the store refuses (some systems drop trailing dots and spaces, making them "..").
  const normalized = part.normalize('NFKC');
  if (part !== '.' && part !== '..' && /^[. ]+$/.test(normalized)) return `has a part made only of dots and spaces (${quote(part)})`;
  if (/^[a-z]:/i.test(normalized)) return `has a part that looks like a drive letter (${quote(part)})`;
  return undefined;
}

/**
 * Why an artifact file name (`parameters.filename`, `parameters.output`), already known to stay
 * inside the output folder, cannot be written or stored as it is; undefined when it can. Folders in
 * it are created by the run.
 */
export function unusableArtifactNameReason(name: string): string | undefined {
  const shown = quote(name);
  const invisible = invisibleCharacter(name);
  if (invisible) return `file name ${shown} contains an invisible formatting character (${invisible}); storage keys cannot hold it`;
  const escape = KEY_ESCAPE.exec(name)?.[0];
  if (escape) return `file name ${shown} contains the percent-escape ${quote(escape)}, which storage keys refuse`;
  const parts = name.split('/');
  for (const part of parts) {
    const reason = partReason(part);
    if (reason) return `file name ${shown} ${reason}`;
  }
  const folder = oversizedPart(parts.slice(0, -1).join('/'));
  if (folder !== undefined) {
    return `file name ${shown} has a part of ${byteLength(folder)} bytes (${quote(folder)}); a folder name may have at most ${MAX_NAME_BYTES} bytes`;
  }
  const stem = (parts[parts.length - 1] ?? '').replace(KNOWN_EXTENSION, '');
  if (byteLength(stem) > MAX_STEM_BYTES) {
    return (
      `file name ${shown} has a file name of ${byteLength(stem)} bytes before its extension; at most ${MAX_STEM_BYTES} are allowed ` +
      `(the run adds an extension and may add a number, within the ${MAX_NAME_BYTES} bytes a file name may have)`
    );
  }
  return undefined;
}
