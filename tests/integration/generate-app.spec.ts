import { test, expect } from '@playwright/test';
import type { InteractionKind } from '@panoptic/ai';
import { startTodoApp } from '../../apps/todo/server.mjs';
import { expectWellFormed, FAIL_FAST, generateInto, outcomes, passRate, runSpec, runYaml, type Generated } from '../helpers/generated.js';
import { flatTests } from '../helpers/inline.js';

// `panoptic generate` on a single-page to-do app (apps/todo): no form, so every test comes from
// interactions (Enter in a field, checkboxes, a switch, radios, a select, tabs, a disclosure,
// editing in place, deleting) and from states they build (items added, one completed, a filter).
// One generation, bounded by its settings, is shared by the checks below. The generated spec and
// YAML must pass on the app, and the suite must fail on its broken variant (the counter counts
// completed items, the Active filter hides nothing, "/" focuses nothing); the share of tests that
// catch it is reported.

const KINDS: InteractionKind[] = ['enter', 'toggle', 'radio', 'select', 'tab', 'disclosure', 'edit', 'remove', 'shortcut'];

test.describe('generating tests for a to-do app', () => {
  test.describe.configure({ mode: 'serial', timeout: 600_000 });
  let app: Awaited<ReturnType<typeof startTodoApp>>;
  let generated: Generated;
  test.beforeAll(async () => {
    app = await startTodoApp();
  });
  test.afterAll(async () => {
    await app?.close();
  });

  test('every interaction kind gets a test that checks what it changed, and state builds up in scenarios', async () => {
    generated = await generateInto(app.url, ['--depth', '0', '--max-states', '5', '--state-depth', '3']);
    expectWellFormed(generated);
    const { result, spec } = generated;
    const covered = new Set(result.tests.map((t) => t.interaction));
    for (const kind of KINDS) expect(covered, `no ${kind} test in:\n${result.tests.map((t) => t.title).join('\n')}`).toContain(kind);
    // Enter in a field outside any form adds an item the test finds again by the text typed.
    expect(spec).toContain("await page.getByRole('textbox', { name: 'New todo' }).press('Enter');");
    expect(spec).toMatch(/await expect\(page\.getByText\('Example text'(, \{ exact: true \})?\)\)\.toBeVisible\(\);/);
    expect(spec).toContain("await expect(page.getByRole('listitem')).toHaveCount(1);");
    expect(spec).toContain("await expect(page.getByRole('button', { name: 'About this app' })).toHaveAttribute('aria-expanded', 'true');");
    expect(spec).toContain(".selectOption('High');");
    expect(spec).toContain(".dblclick();");
    expect(spec).toMatch(/toBeChecked\(\);/);
    // A scenario: two items added, one completed, then a filter that shows one.
    const scenario = result.tests.find(
      (t) => t.kind === 'scenario' && t.steps.filter((s) => s.kind === 'press').length === 2 && t.steps.some((s) => s.kind === 'check') && t.steps.at(-1)?.kind !== 'press' && t.steps.some((s) => s.kind === 'expectCount' && s.count === 1 && t.steps.indexOf(s) > t.steps.findIndex((c) => c.kind === 'check')),
    );
    expect(scenario, result.tests.map((t) => t.title).join('\n')).toBeDefined();
    // Titles say what they check, without numbering; near-duplicates were merged, and listed.
    const titles = result.tests.map((t) => t.title);
    expect(new Set(titles).size).toBe(titles.length);
    for (const title of titles) expect(title).not.toMatch(/\(\d+\)$/);
    expect(result.merged.length).toBeGreaterThan(0);
    // The YAML plays the same checks with Panoptic's assertion actions.
    const yaml = (await import('node:fs')).readFileSync(generated.yamlFile, 'utf8');
    for (const type of ['assert_count', 'assert_checked', 'assert_attribute', 'assert_visible', 'assert_url', 'double_click', 'select_option']) expect(yaml).toContain(`type: ${type}`);
    expect(yaml).toContain('parameters: { keys: "Enter" }');
    // The "/" shortcut the page announces, pressed with no field focused, moves the focus; the delete
    // button shown only on hover is hovered first; the accesskey is listed, not pressed.
    expect(spec).toContain("await page.keyboard.press('/');\n    await expect(page.getByRole('textbox', { name: 'New todo' })).toBeFocused();");
    expect(spec).toMatch(/\.hover\(\);\n {4}await page\.getByRole\('button', \{ name: 'Delete Example text/);
    for (const type of ['press_key', 'assert_focused', 'hover']) expect(yaml).toContain(`type: ${type}`);
    expect(result.skipped.map((s) => s.reason)).toContainEqual(expect.stringMatching(/^accesskey "Alt\+h"/));
  });

  test('the generated spec and YAML suite pass on the app', async ({}, testInfo) => {
    const count = generated.result.tests.length;
    const spec = await runSpec(generated);
    expect(passRate(spec, 'spec', testInfo), spec.output).toEqual({ passed: count, failed: 0, total: count });
    const yaml = await runYaml(generated);
    expect(passRate(yaml, 'YAML', testInfo), yaml.output).toEqual({ passed: count, failed: 0, total: count });
  });

  test('on the broken variant the suite fails, spec and YAML alike, and the share that catches it is reported', async ({}, testInfo) => {
    app.setBroken(true);
    try {
      const spec = await runSpec(generated, FAIL_FAST);
      const yaml = await runYaml(generated, FAIL_FAST);
      const [specOutcome, yamlOutcome] = [outcomes(spec), outcomes(yaml)];
      testInfo.annotations.push({ type: 'catches-the-break', description: `spec ${specOutcome.failed}/${specOutcome.total}, YAML ${yamlOutcome.failed}/${yamlOutcome.total}` });
      expect(spec.exitCode).toBe(1);
      expect(yaml.exitCode).toBe(1);
      // Every bug is caught: completing an item (the counter), the Active filter and the "/" shortcut.
      const failed = flatTests(spec.report).filter((t) => t.status !== 'passed').map((t) => t.title);
      expect(failed.some((title) => /checking "Done: Example text"/.test(title)), failed.join('\n')).toBe(true);
      expect(failed.some((title) => /link "Active"/.test(title)), failed.join('\n')).toBe(true);
      expect(failed.some((title) => /pressing "[/∕]"/.test(title)), failed.join('\n')).toBe(true);
      // The YAML suite's checks are the spec's: the same tests fail.
      const yamlFailed = flatTests(yaml.report).filter((t) => t.status !== 'passed').length;
      expect(yamlFailed).toBe(specOutcome.failed);
    } finally {
      app.setBroken(false);
    }
  });
});
