/**
 * Keyboard shortcuts as pages announce them (`aria-keyshortcuts`, `accesskey`, `<kbd>` hints and
 * prose such as "Ctrl+K" or "⌘K"), turned into the syntax of Playwright's `keyboard.press`
 * ("Control+k", "/", "Escape"). Pure text work: the page only hands over the raw strings.
 */

/** Modifier spellings (word, symbol, platform name) and Playwright's name for each. */
const MODIFIERS: Readonly<Record<string, string>> = {
  ctrl: 'Control', control: 'Control', ctl: 'Control', '⌃': 'Control',
  alt: 'Alt', option: 'Alt', opt: 'Alt', '⌥': 'Alt',
  shift: 'Shift', '⇧': 'Shift',
  cmd: 'Meta', command: 'Meta', meta: 'Meta', super: 'Meta', '⌘': 'Meta',
  // "Mod" in editors' docs: Command on macOS, Control elsewhere, which Playwright spells ControlOrMeta.
  mod: 'ControlOrMeta', controlormeta: 'ControlOrMeta',
};

const MODIFIER_ORDER = ['Control', 'ControlOrMeta', 'Alt', 'Shift', 'Meta'];

/** Named keys (UI Events key values and the short forms people write) and Playwright's names. */
const NAMED_KEYS: Readonly<Record<string, string>> = {
  esc: 'Escape', escape: 'Escape', enter: 'Enter', return: 'Enter', '↵': 'Enter', '⏎': 'Enter',
  space: 'Space', spacebar: 'Space', tab: 'Tab', del: 'Delete', delete: 'Delete',
  backspace: 'Backspace', '⌫': 'Backspace', ins: 'Insert', insert: 'Insert',
  up: 'ArrowUp', arrowup: 'ArrowUp', '↑': 'ArrowUp', down: 'ArrowDown', arrowdown: 'ArrowDown', '↓': 'ArrowDown',
  left: 'ArrowLeft', arrowleft: 'ArrowLeft', '←': 'ArrowLeft', right: 'ArrowRight', arrowright: 'ArrowRight', '→': 'ArrowRight',
  home: 'Home', end: 'End', pageup: 'PageUp', pgup: 'PageUp', pagedown: 'PageDown', pgdn: 'PageDown',
};

/** Keys that only move the focus or do nothing on the page itself: no shortcut of the app. */
const NOT_SHORTCUTS = new Set(['Tab', 'Shift+Tab', 'Enter', 'Space']);

/** A single printable character a US keyboard types, which Playwright presses by name. */
const PRINTABLE = /^[\x21-\x7e]$/;

function keyName(token: string): string | undefined {
  const lower = token.toLowerCase();
  if (NAMED_KEYS[lower]) return NAMED_KEYS[lower];
  if (/^f([1-9]|1[0-2])$/.test(lower)) return lower.toUpperCase();
  // Letters are pressed unshifted: a page's "Ctrl+K" is the K key, which reports "k" without Shift.
  if (PRINTABLE.test(token)) return /[a-z]/i.test(token) ? lower : token;
  return undefined;
}

/** The parts of a chord: "Ctrl + K", "Ctrl-K", "⌘⇧P", "Ctrl K", "Ctrl++" (the + key). */
function tokens(text: string): string[] {
  let rest = text.trim();
  const parts: string[] = [];
  // Leading modifier symbols need no separator: "⌘K", "⌘⇧P".
  while (rest.length > 1 && '⌘⌃⌥⇧'.includes(rest[0]!)) {
    parts.push(rest[0]!);
    rest = rest.slice(1).replace(/^\s*\+?\s*/, '');
  }
  if (rest.endsWith('++')) return [...parts, ...rest.slice(0, -2).split(/\s*\+\s*/).filter(Boolean), '+'];
  if (rest.length > 1 && rest.includes('+')) return [...parts, ...rest.split(/\s*\+\s*/)];
  const byDash = rest.split(/\s*-\s*/);
  if (byDash.length > 1 && byDash.slice(0, -1).every((part) => MODIFIERS[part.toLowerCase()])) return [...parts, ...byDash];
  return [...parts, ...rest.split(/\s+/)];
}

/**
 * One announced chord in Playwright's `keyboard.press` syntax, or undefined when it is not one
 * key with optional modifiers (a word, a sequence such as "g i", a modifier alone, Tab).
 */
export function toKeyChord(text: string): string | undefined {
  const parts = tokens(text);
  const key = parts.pop();
  if (!key) return undefined;
  const modifiers = new Set<string>();
  for (const part of parts) {
    const modifier = MODIFIERS[part.toLowerCase()];
    if (!modifier) return undefined;
    modifiers.add(modifier);
  }
  if (MODIFIERS[key.toLowerCase()] && key.length > 1) return undefined;
  const name = keyName(key);
  if (!name) return undefined;
  const chord = [...MODIFIER_ORDER.filter((modifier) => modifiers.has(modifier)), name].join('+');
  return NOT_SHORTCUTS.has(chord) ? undefined : chord;
}

/** `aria-keyshortcuts`: space-separated chords, each in the UI Events names ("Control+Shift+Z"). */
export function ariaKeyShortcuts(value: string): string[] {
  return value.split(/\s+/).filter(Boolean).flatMap((chord) => toKeyChord(chord) ?? []);
}

const MODIFIER_WORD = '(?:ctrl|control|alt|option|opt|shift|cmd|command|meta|mod)';
const KEY_WORD = "(?:f1[0-2]|f[1-9]|esc|escape|enter|return|space|tab|delete|del|backspace|up|down|left|right|home|end|page ?up|page ?down|[a-z0-9]|[/?.,;'\\[\\]\\\\=`])";
/** "Ctrl+K", "Ctrl + Shift + P", "Alt-F4", each modifier named in words, bounded by non-word characters. */
const WORD_CHORD = new RegExp(`(?<![\\w+-])(?:${MODIFIER_WORD}\\s*[+-]\\s*)+${KEY_WORD}(?![\\w+])`, 'giu');
/** "⌘K", "⌘⇧P", "⌃ C": modifier symbols, then one key. */
const SYMBOL_CHORD = /[⌘⌃⌥⇧]+\s?(?:[A-Za-z0-9/?.,;[\]]|↵|⏎|⌫|↑|↓|←|→)(?![A-Za-z])/gu;

/**
 * Chords written in prose, recognised only with at least one modifier ("Ctrl+K", "⌘K", "Alt-F4"):
 * a lone letter in a sentence is no shortcut unless a `<kbd>` says so.
 */
export function shortcutsInText(text: string): string[] {
  const found: string[] = [];
  for (const match of [...text.matchAll(WORD_CHORD), ...text.matchAll(SYMBOL_CHORD)]) {
    const chord = toKeyChord(match[0].replace(/page (up|down)/i, 'page$1'));
    if (chord && !found.includes(chord)) found.push(chord);
  }
  return found;
}

/** Where a page announces a shortcut. */
export type ShortcutSource = 'aria-keyshortcuts' | 'accesskey' | 'kbd' | 'text';

/** A raw announcement as the page holds it, with a short name of the element it is on. */
export interface ShortcutHint {
  source: ShortcutSource;
  raw: string;
  /** The accessible name or text of the element that announces it, for titles and reasons. */
  on: string;
}

export interface Shortcut {
  key: string;
  source: ShortcutSource;
  on: string;
}

/**
 * The distinct chords that hints announce, the first announcement of each kept (the order is
 * aria-keyshortcuts, kbd, text, as the page collector lists them). An accesskey is listed with
 * Chromium's modifier on Linux and Windows, Alt.
 */
export function shortcutsFrom(hints: readonly ShortcutHint[]): Shortcut[] {
  const found = new Map<string, Shortcut>();
  for (const hint of hints) {
    let chords: string[];
    if (hint.source === 'aria-keyshortcuts') chords = ariaKeyShortcuts(hint.raw);
    else if (hint.source === 'accesskey') chords = [...hint.raw.trim()].length === 1 ? [toKeyChord(`Alt+${hint.raw.trim()}`) ?? ''].filter(Boolean) : [];
    else if (hint.source === 'kbd') chords = [toKeyChord(hint.raw) ?? ''].filter(Boolean);
    else chords = shortcutsInText(hint.raw);
    for (const key of chords) if (!found.has(key)) found.set(key, { key, source: hint.source, on: hint.on });
  }
  return [...found.values()];
}
