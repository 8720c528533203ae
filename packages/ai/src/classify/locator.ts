/** What a failing locator was looking for, as far as its text tells. */
export interface WantedElement {
  /** The locator as the message printed it. */
  locator: string;
  role?: string;
  /** Roles the locator's kind implies when it names none (getByLabel: form controls). */
  roleHints?: readonly string[];
  /** Names, texts and words (ids, test ids, classes) the element was expected to carry. */
  strings: string[];
}

const FORM_CONTROLS = ['textbox', 'searchbox', 'combobox', 'checkbox', 'radio', 'spinbutton', 'slider', 'switch', 'listbox'];

// Roles an HTML tag has by default, for CSS and XPath selectors.
const TAG_ROLES: Readonly<Record<string, readonly string[]>> = {
  button: ['button'],
  a: ['link'],
  input: ['textbox', 'searchbox', 'checkbox', 'radio', 'spinbutton', 'button'],
  textarea: ['textbox'],
  select: ['combobox', 'listbox'],
  img: ['img'],
  h1: ['heading'],
  h2: ['heading'],
  h3: ['heading'],
  h4: ['heading'],
  h5: ['heading'],
  h6: ['heading'],
  li: ['listitem'],
  nav: ['navigation'],
  p: ['paragraph'],
};

/** The locator a message names: `Locator: ...` of web-first assertions, or the `waiting for ...` call log line. */
export function failingLocator(message: string): string | undefined {
  const fromExpect = /^\s*Locator: (.+)$/m.exec(message)?.[1];
  if (fromExpect) return fromExpect.trim();
  const waiting = /- waiting for ((?:locator|getBy\w+|frameLocator|internal:)\(.*?)(?: to be (?:visible|attached|hidden|detached))?\s*$/m.exec(message)?.[1];
  return waiting?.trim();
}

function stringArgs(args: string): string[] {
  const found: string[] = [];
  for (const match of args.matchAll(/'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)"|\/((?:[^/\\]|\\.)+)\/[a-z]*/g)) {
    found.push((match[1] ?? match[2] ?? match[3] ?? '').replace(/\\(.)/g, '$1'));
  }
  return found;
}

function fromCss(selector: string, wanted: WantedElement): void {
  const text = /^(?:text=|internal:text=)(.*)$/.exec(selector)?.[1];
  if (text) {
    wanted.strings.push(text.replace(/^["']|["']i?$/g, ''));
    return;
  }
  // Playwright's role selector engine: `role=button[name="Sign in"]`.
  const role = /^(?:internal:)?role=([\w-]+)(?:\[name=(["'])(.*?)\2[is]?\])?/.exec(selector);
  if (role) {
    wanted.role = role[1];
    if (role[3]) wanted.strings.push(role[3]);
    return;
  }
  const body = selector.replace(/^(?:css=|xpath=)/, '');
  const tag = /(?:^|[\s>/])([a-z][a-z0-9]*)(?=[.#[:\s]|$)/i.exec(body)?.[1]?.toLowerCase();
  const roles = tag ? TAG_ROLES[tag] : undefined;
  if (roles?.length === 1) wanted.role = roles[0];
  else if (roles) wanted.roleHints = roles;
  // Ids, classes, attribute values and XPath literals carry the words a developer named the element by.
  for (const match of body.matchAll(/[#.]([\w-]+)|=\s*["']?([^"'\]]+)["']?\]|@\w+\s*=\s*["']([^"']+)["']/g)) {
    const word = match[1] ?? match[2] ?? match[3];
    if (word) wanted.strings.push(word);
  }
}

/** Parses the last meaningful call of a chained locator (`locator('form').getByRole(...)`). */
export function parseLocator(locator: string): WantedElement {
  const wanted: WantedElement = { locator, strings: [] };
  const calls = [...locator.matchAll(/(\w+)\(((?:[^()]|\([^()]*\))*)\)/g)];
  const meaningful = calls.filter(([, name]) => name !== 'first' && name !== 'last' && name !== 'nth' && name !== 'frameLocator' && name !== 'contentFrame');
  const last = meaningful.at(-1);
  if (!last) return wanted;
  const [, method, args = ''] = last;
  const strings = stringArgs(args);
  switch (method) {
    case 'getByRole':
      wanted.role = strings[0];
      wanted.strings.push(...strings.slice(1));
      break;
    case 'getByLabel':
      wanted.roleHints = FORM_CONTROLS;
      wanted.strings.push(...strings);
      break;
    case 'getByPlaceholder':
      wanted.roleHints = ['textbox', 'searchbox', 'combobox'];
      wanted.strings.push(...strings);
      break;
    case 'getByAltText':
      wanted.role = 'img';
      wanted.strings.push(...strings);
      break;
    case 'filter': {
      const previous = meaningful.at(-2);
      if (previous) Object.assign(wanted, { ...parseLocator(previous[0]), locator, strings: [...parseLocator(previous[0]).strings, ...strings] });
      else wanted.strings.push(...strings);
      break;
    }
    case 'locator':
      fromCss(strings[0] ?? '', wanted);
      break;
    default:
      // getByText, getByTestId, getByTitle: their words are all there is.
      wanted.strings.push(...strings);
  }
  return wanted;
}
