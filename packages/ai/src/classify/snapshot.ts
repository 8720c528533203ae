/** One element of the page at failure time: its ARIA role and accessible name (or its text). */
export interface SnapshotElement {
  role: string;
  name: string;
  /** Text content shown after the element in an aria snapshot (`- paragraph: Hello`). */
  text?: string;
}

/** Playwright's aria snapshot YAML, or elements already extracted (for example from a DOM map). */
export type SnapshotInput = string | readonly SnapshotElement[];

// `role "name" [attr] [attr=value]: text`; YAML may quote the whole entry when it has special characters.
const ENTRY = /^([a-z][\w-]*)(?:\s+"((?:[^"\\]|\\.)*)")?((?:\s+\[[^\]]*\])*)\s*(?::\s*(.*))?$/i;

function unquoteYaml(entry: string): string {
  if (entry.startsWith("'") && entry.endsWith("'")) return entry.slice(1, -1).replace(/''/g, "'");
  if (entry.startsWith('"') && entry.endsWith('"')) {
    try {
      return JSON.parse(entry) as string;
    } catch {
      return entry.slice(1, -1);
    }
  }
  return entry;
}

function unquoteName(name: string): string {
  try {
    return JSON.parse(`"${name}"`) as string;
  } catch {
    return name;
  }
}

/** Whole entries may be quoted before their `:` (`- 'link "a: b"':`): split off the quoted part first. */
function splitQuotedEntry(entry: string): string {
  const quote = entry[0];
  if (quote !== "'" && quote !== '"') return entry;
  for (let i = 1; i < entry.length; i++) {
    if (entry[i] === '\\' && quote === '"') {
      i++;
      continue;
    }
    if (entry[i] !== quote) continue;
    if (quote === "'" && entry[i + 1] === "'") {
      i++;
      continue;
    }
    return unquoteYaml(entry.slice(0, i + 1)) + entry.slice(i + 1);
  }
  return entry;
}

/** The elements of an aria snapshot, in document order. Property lines (`/url: ...`) are skipped. */
export function parseAriaSnapshot(yaml: string): SnapshotElement[] {
  const elements: SnapshotElement[] = [];
  for (const raw of yaml.split('\n')) {
    const line = raw.trim();
    if (!line.startsWith('- ')) continue;
    const entry = splitQuotedEntry(line.slice(2).trim());
    if (entry.startsWith('/')) continue;
    const match = ENTRY.exec(entry);
    if (!match) continue;
    const [, role, name, , rest] = match;
    const text = rest ? unquoteYaml(rest.trim()) : '';
    const element: SnapshotElement = { role: role!, name: name !== undefined ? unquoteName(name) : '' };
    if (role === 'text') element.name = text;
    else if (text) element.text = text;
    if (element.name || element.text) elements.push(element);
  }
  return elements;
}

export function snapshotElements(input: SnapshotInput): readonly SnapshotElement[] {
  return typeof input === 'string' ? parseAriaSnapshot(input) : input;
}

/** The aria snapshot inside Playwright's error-context attachment (markdown), if it has one. */
export function pageSnapshotFromErrorContext(markdown: string): string | undefined {
  return /# Page snapshot\s*```yaml\n([\s\S]*?)```/.exec(markdown)?.[1];
}
