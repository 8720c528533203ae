import type { GeneratedLocator as LocatorSpec } from '@panoptic/ai';

/** Locators as `panoptic generate` writes them: the spec, its code, its selector for a YAML action. */
export const LOCATOR_CASES: [LocatorSpec, string, string][] = [
  [{ by: 'testid', value: 'sign-in' }, "page.getByTestId('sign-in')", 'data-testid=sign-in'],
  [{ by: 'testid', value: 'a b' }, "page.getByTestId('a b')", 'internal:testid=[data-testid="a b"s]'],
  [{ by: 'role', role: 'button', name: 'Sign in' }, "page.getByRole('button', { name: 'Sign in' })", 'role=button[name="Sign in"]'],
  [{ by: 'role', role: 'button', name: 'Sign in', exact: true }, "page.getByRole('button', { name: 'Sign in', exact: true })", 'role=button[name="Sign in" s]'],
  [{ by: 'role', role: 'heading', name: 'It\'s "here"' }, "page.getByRole('heading', { name: 'It\\'s \"here\"' })", 'role=heading[name="It\'s \\"here\\""]'],
  [{ by: 'label', value: 'Email' }, "page.getByLabel('Email')", 'internal:label="Email"i'],
  [{ by: 'placeholder', value: 'Log text', exact: true }, "page.getByPlaceholder('Log text', { exact: true })", 'internal:attr=[placeholder="Log text"s]'],
  [{ by: 'text', value: 'Thank you' }, "page.getByText('Thank you')", 'internal:text="Thank you"i'],
  [{ by: 'text', value: 'Thank you', exact: true }, "page.getByText('Thank you', { exact: true })", 'text="Thank you"'],
  [{ by: 'alt', value: 'Logo' }, "page.getByAltText('Logo')", 'internal:attr=[alt="Logo"i]'],
  [
    { by: 'within', scope: { tag: 'div', hasText: 'log.disableAll()' }, inner: { by: 'role', role: 'button', name: 'Run' } },
    "page.locator('div').filter({ hasText: 'log.disableAll()' }).getByRole('button', { name: 'Run' })",
    'div >> internal:has-text="log.disableAll()"i >> role=button[name="Run"]',
  ],
  [
    { by: 'within', scope: { tag: 'form', has: { by: 'placeholder', value: 'Log text', exact: true } }, inner: { by: 'role', role: 'button', name: 'Run' } },
    "page.locator('form').filter({ has: page.getByPlaceholder('Log text', { exact: true }) }).getByRole('button', { name: 'Run' })",
    'form >> internal:has="internal:attr=[placeholder=\\"Log text\\"s]" >> role=button[name="Run"]',
  ],
];
