import { z } from 'zod';
import { defineAction, type ActionKey } from './definition.js';

/**
 * Panoptic's additions to the original schema: web actions that check what a page shows, so a YAML
 * suite can assert the outcome of an interaction the way a spec's web-first assertions do (each
 * waits for its condition up to the app's element timeout), and the two interactions the original's
 * actions cannot play (a double click, a hover, choosing an option, a keyboard shortcut).
 */

const noParameters = z.strictObject({});

function web<P extends z.ZodType>(summary: string, keys: readonly ActionKey[], parameters: P) {
  return defineAction({ summary: `Panoptic's addition: ${summary}`, keys, parameters, appTypes: ['web'] });
}

const assert_text = web("`selector`'s text is `value` (whitespace collapsed), as toHaveText checks it.", ['selector', 'value'], noParameters);
const assert_count = web('`selector` finds exactly `parameters.count` elements, as toHaveCount checks it.', ['selector'], z.strictObject({
  count: z.number().int().min(0).describe('How many elements the selector finds.'),
}));
const assert_checked = web('the checkbox, radio or switch `selector` is checked (or unchecked with `parameters.checked: false`).', ['selector'], z.strictObject({
  checked: z.boolean().describe('The state expected (default true).').optional(),
}));
const assert_visible = web('`selector` is visible (or hidden or absent with `parameters.visible: false`).', ['selector'], z.strictObject({
  visible: z.boolean().describe('The state expected (default true).').optional(),
}));
const assert_attribute = web("`selector`'s attribute `parameters.name` is `value`, e.g. aria-expanded is true.", ['selector', 'value'], z.strictObject({
  name: z.string().min(1).describe('The attribute, e.g. aria-expanded or aria-selected.'),
}));
const assert_value = web('the field `selector` holds `value`, as toHaveValue checks it.', ['selector', 'value'], noParameters);
const assert_url = web("the page's URL is `url`.", ['url'], noParameters);
const assert_title = web("the page's title is `value`.", ['value'], noParameters);
const double_click = web('double-clicks `selector` (editing in place, for one).', ['selector'], noParameters);
const hover = web('moves the pointer over `selector`, which shows controls that appear only on hover.', ['selector'], noParameters);
const select_option = web('chooses the option `value` (its value or its label) in the select `selector`.', ['selector', 'value'], noParameters);
const press_key = web('presses the key combination `parameters.keys` with no field focused, as a keyboard shortcut is used ("/", "Control+k").', [], z.strictObject({
  keys: z.string().trim().min(1).describe("A key or combination in Playwright's keyboard.press syntax, e.g. \"/\" or \"Control+k\"."),
}));
const assert_focused = web('`selector` has the keyboard focus, as toBeFocused checks it.', ['selector'], noParameters);

export const CHECK_ACTIONS = { assert_text, assert_count, assert_checked, assert_visible, assert_attribute, assert_value, assert_url, assert_title, double_click, hover, select_option, press_key, assert_focused };
