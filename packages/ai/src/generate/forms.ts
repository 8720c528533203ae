import type { ElementHandle, Page } from '@playwright/test';
import { chooseLocator } from './locate.js';
import { collapse, findByRole, type FoundElement } from './page-model.js';
import { toLocator } from './locator-spec.js';
import type { Step } from './types.js';
import { valueCandidates, type FieldConstraints } from './values.js';

const FIELD_ROLES = ['textbox', 'searchbox', 'spinbutton', 'checkbox', 'radio', 'combobox', 'slider', 'switch'] as const;

/** The steps that fill a form with valid values and submit it, or why that cannot be done. */
export type FormPlan = { steps: Step[]; submit: Step } | { reason: string };

async function inForm(handle: ElementHandle<Element>, form: ElementHandle<Element>): Promise<boolean> {
  return handle.evaluate((el, f) => (el as HTMLInputElement).form === f, form);
}

/** What a field declares about the value it accepts, and its state, read on the live page. */
export async function constraintsOf(field: FoundElement): Promise<FieldConstraints & { required: boolean; checked: boolean; valid: boolean; kind: string }> {
  const raw = await field.handle.evaluate((el) => {
    const input = el as HTMLInputElement;
    const number = (value: number) => (value >= 0 ? value : undefined);
    return {
      kind: el.tagName.toLowerCase(),
      type: el.tagName === 'TEXTAREA' ? 'textarea' : el.tagName === 'SELECT' ? 'select' : (input.type || 'text').toLowerCase(),
      name: input.name ?? '',
      autocomplete: el.getAttribute('autocomplete') ?? '',
      placeholder: el.getAttribute('placeholder') ?? '',
      min: el.getAttribute('min') ?? undefined,
      max: el.getAttribute('max') ?? undefined,
      step: el.getAttribute('step') ?? undefined,
      minLength: 'minLength' in input ? number(input.minLength) : undefined,
      maxLength: 'maxLength' in input ? number(input.maxLength) : undefined,
      pattern: el.getAttribute('pattern') ?? undefined,
      required: input.required,
      checked: Boolean(input.checked),
      valid: input.validity.valid,
      disabled: input.disabled || input.readOnly,
    };
  });
  const hints = [field.name, ...field.facts.labels, raw.placeholder, raw.name].join(' ').toLowerCase();
  return { ...raw, hints, required: raw.required && !raw.disabled };
}

async function isValid(handle: ElementHandle<Element>): Promise<boolean> {
  return handle.evaluate((el) => (el as HTMLInputElement).validity.valid);
}

/**
 * Fills every visible field of `form` on the live page with a value its type and constraints accept
 * (checked by the browser's own validity API), ticks required checkboxes and radios, and finds the
 * submit button. Selects keep their chosen option: a YAML suite has no action to change one.
 */
export async function fillForm(page: Page, form: ElementHandle<Element>, timeout: number): Promise<FormPlan> {
  const steps: Step[] = [];
  const fields: FoundElement[] = [];
  for (const field of await findByRole(page, FIELD_ROLES, timeout)) if (await inForm(field.handle, form)) fields.push(field);
  const radiosDone = new Set<string>();
  for (const field of fields) {
    const c = await constraintsOf(field);
    const label = field.name || c.name || c.type;
    if (c.type === 'file') {
      if (c.required) return { reason: `the required file field "${label}" needs a file` };
      continue;
    }
    if (c.kind === 'select') {
      if (!c.valid) return { reason: `the select "${label}" needs a choice, and a YAML suite has no action to make one` };
      continue;
    }
    const target = await chooseLocator(page, field.handle, field.facts, field.role, field.name);
    if (c.type === 'checkbox' || c.type === 'radio') {
      const group = `${c.type}:${c.name}`;
      if (!c.required || c.checked || radiosDone.has(group)) continue;
      if (!target) return { reason: `the required ${c.type} "${label}" has no locator that finds it alone` };
      await toLocator(page, target).check({ timeout });
      radiosDone.add(group);
      steps.push({ kind: 'check', target, description: `check "${label}"` });
      continue;
    }
    if (c.type === 'range' || c.type === 'color' || c.type === 'hidden') continue;
    if (!target) {
      if (c.required) return { reason: `the required field "${label}" has no locator that finds it alone` };
      continue;
    }
    const locator = toLocator(page, target);
    let filled: string | undefined;
    for (const value of valueCandidates(c)) {
      await locator.fill(value, { timeout });
      if (await isValid(field.handle)) {
        filled = value;
        break;
      }
    }
    if (filled === undefined) {
      if (c.required) return { reason: `no value tried satisfies the field "${label}"${c.pattern ? ` (pattern ${c.pattern})` : ''}` };
      await locator.fill('', { timeout });
      continue;
    }
    steps.push({ kind: 'fill', target, value: filled, description: `fill "${label}" with "${filled}"` });
  }
  const invalid = await form.evaluate((f) =>
    [...(f as HTMLFormElement).elements]
      .filter((el) => !(el as HTMLInputElement).validity.valid)
      .map((el) => (el as HTMLInputElement).name || el.id || el.tagName.toLowerCase()),
  );
  if (invalid.length) return { reason: `fields still invalid after filling: ${invalid.join(', ')}` };
  const buttons = (await findByRole(page, ['button'], timeout)).filter((button) => ['button', 'input'].includes(button.facts.tag));
  for (const button of buttons) {
    const isSubmit = await button.handle.evaluate((el, f) => (el as HTMLButtonElement).form === f && (el as HTMLButtonElement).type === 'submit', form);
    if (!isSubmit) continue;
    const target = await chooseLocator(page, button.handle, button.facts, button.role, button.name);
    if (!target) return { reason: `its submit button "${button.name}" has no locator that finds it alone` };
    return { steps, submit: { kind: 'submit', target, description: `submit with "${collapse(button.name) || 'the submit button'}"` } };
  }
  return { reason: 'it has no submit button' };
}
