import { failingLocator, parseLocator, type WantedElement } from './locator.js';
import { snapshotElements, type SnapshotElement, type SnapshotInput } from './snapshot.js';

/** The element that most likely is the one a failing locator meant, and how to locate it now. */
export interface HealingHint {
  /** The locator that matched nothing. */
  failedLocator: string;
  role: string;
  name: string;
  /** A Playwright locator for the element, in the form codegen prefers. */
  locator: string;
  /** The same element as a selector string, the form a YAML suite's `selector` takes. */
  selector: string;
  /** Its visible text, when a YAML click's `target` (a button, link or exact text) finds it. */
  target?: string;
  /** 0..1: how close the element's role, name and text are to what the locator asked for. */
  similarity: number;
}

// Words developers abbreviate in ids and test ids.
const ABBREVIATIONS: Readonly<Record<string, string>> = { btn: 'button', img: 'image', pwd: 'password', msg: 'message', txt: 'text', nav: 'navigation', lbl: 'label', qty: 'quantity' };

// Roles close enough that a locator for one may have meant the other.
const RELATED_ROLES: readonly (readonly string[])[] = [
  ['button', 'link', 'menuitem', 'tab'],
  ['textbox', 'searchbox', 'combobox', 'spinbutton'],
  ['checkbox', 'radio', 'switch'],
  ['paragraph', 'text', 'heading', 'generic', 'listitem', 'cell'],
];

const TEXT_ROLES = new Set(['text', 'paragraph', 'generic', 'listitem', 'cell', 'strong', 'emphasis', 'code', 'blockquote', 'caption']);
const MIN_SCORE = 0.45;

function words(text: string): string[] {
  return text
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((word) => ABBREVIATIONS[word] ?? word);
}

function bigrams(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i < text.length - 1; i++) {
    const pair = text.slice(i, i + 2);
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

/** Sørensen–Dice similarity of character bigrams: robust to small spelling and spacing changes. */
function dice(a: string, b: string): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  const left = bigrams(a);
  const right = bigrams(b);
  let shared = 0;
  for (const [pair, count] of left) shared += Math.min(count, right.get(pair) ?? 0);
  const total = a.length - 1 + (b.length - 1);
  return total > 0 ? (2 * shared) / total : 0;
}

function similarity(wanted: string, actual: string): number {
  const a = words(wanted);
  const b = words(actual);
  if (!a.length || !b.length) return 0;
  const shared = a.filter((word) => b.includes(word)).length;
  const overlap = shared / Math.max(a.length, b.length);
  return Math.max(overlap, dice(a.join(' '), b.join(' ')), dice(a.join(''), b.join('')));
}

function roleScore(wanted: WantedElement, role: string, uniqueRole: boolean): number {
  if (wanted.role) {
    if (wanted.role === role) return uniqueRole ? 1.4 : 1;
    return RELATED_ROLES.some((group) => group.includes(wanted.role!) && group.includes(role)) ? 0.5 : 0;
  }
  if (wanted.roleHints) return wanted.roleHints.includes(role) ? 0.8 : 0.2;
  return role === 'text' ? 0.3 : 0.5;
}

function labelOf(element: SnapshotElement): string {
  return element.name || element.text || '';
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

// What a YAML click's `target` looks for besides exact text.
const TARGET_ROLES = new Set(['button', 'link']);

/** Playwright's text and role selector engines say what getByText and getByRole say. */
function quoteForSelector(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function locatorsFor(element: SnapshotElement): Pick<HealingHint, 'locator' | 'selector' | 'target'> {
  const label = labelOf(element);
  if (TEXT_ROLES.has(element.role) || !element.name) {
    return { locator: `page.getByText(${quote(label)})`, selector: `text=${quoteForSelector(label)}`, target: label };
  }
  return {
    locator: `page.getByRole(${quote(element.role)}, { name: ${quote(element.name)} })`,
    selector: `role=${element.role}[name=${quoteForSelector(element.name)}]`,
    ...(TARGET_ROLES.has(element.role) ? { target: element.name } : {}),
  };
}

/** The closest element of the snapshot to what the failing locator in `message` asked for. */
export function healingHint(message: string, snapshot: SnapshotInput): HealingHint | undefined {
  const locator = failingLocator(message);
  if (!locator) return undefined;
  const wanted = parseLocator(locator);
  const elements = snapshotElements(snapshot);
  const roleCounts = new Map<string, number>();
  for (const element of elements) roleCounts.set(element.role, (roleCounts.get(element.role) ?? 0) + 1);
  let best: { element: SnapshotElement; score: number; textScore: number } | undefined;
  for (const element of elements) {
    const label = labelOf(element);
    if (!label) continue;
    const textScore = Math.max(0, ...wanted.strings.map((text) => similarity(text, label)));
    // An explicit role is what the test's author meant: weigh it as much as the text.
    const roleWeight = wanted.role ? 0.5 : 0.4;
    const score = roleWeight * roleScore(wanted, element.role, roleCounts.get(element.role) === 1) + (1 - roleWeight) * textScore;
    if (!best || score > best.score) best = { element, score, textScore };
  }
  if (!best || best.score < MIN_SCORE) return undefined;
  const { element } = best;
  return {
    failedLocator: locator,
    role: element.role,
    name: labelOf(element),
    ...locatorsFor(element),
    similarity: Math.round(Math.min(1, best.score) * 1000) / 1000,
  };
}
