import type { Finding } from './issues.js';
import { isMap, rawActions, rawApps } from './raw.js';
import type { RawMap } from './raw.js';

/** Keys an app of each type cannot run without, and what they are for. */
const APP_NEEDS: Readonly<Record<string, { key: string; what: string }>> = {
  web: { key: 'url', what: 'the page to open' },
  desktop: { key: 'path', what: 'the program to start' },
  mobile: { key: 'platform', what: 'android or ios' },
};

/** Absent, or empty where an empty string cannot mean anything. */
function lacks(map: RawMap, key: string): boolean {
  const value = map[key];
  return value === undefined || value === null || value === '';
}

function actionFindings(action: RawMap, path: (string | number)[]): Finding[] {
  const at = (key: string, message: string): Finding => ({ path: [...path, key], message });
  switch (action.type) {
    case 'navigate':
      return lacks(action, 'url') && lacks(action, 'value')
        ? [at('url', 'navigate needs "url" (or "value", its older spelling): the page to open')]
        : [];
    case 'fill': {
      const findings: Finding[] = [];
      if (lacks(action, 'selector')) findings.push(at('selector', 'fill needs "selector": the field to fill'));
      // An empty string is a real value here: it clears the field.
      if (action.value === undefined || action.value === null) {
        findings.push(at('value', 'fill needs "value": the text to type'));
      }
      return findings;
    }
    case 'click':
      // A gesture (back, swipe) needs no element.
      return lacks(action, 'selector') && lacks(action, 'target') && !(isMap(action.parameters) && 'gesture' in action.parameters)
        ? [at('selector', 'click needs "selector" or "target": the element to click')]
        : [];
    case 'vision_click': {
      const parameters = isMap(action.parameters) ? action.parameters : {};
      return lacks(parameters, 'text') && lacks(parameters, 'type') && lacks(action, 'target')
        ? [at('parameters', 'vision_click needs "parameters.text" (the visible text to click) or "parameters.type" (button, link, textfield, image...), or both')]
        : [];
    }
    default:
      return [];
  }
}

/** Keys that are optional in the schema but required by the app or action type. */
export function requirementFindings(suite: unknown): Finding[] {
  const findings: Finding[] = [];
  for (const { app, path } of rawApps(suite)) {
    const type = app.type;
    const needs = typeof type === 'string' ? APP_NEEDS[type] : undefined;
    if (typeof type === 'string' && needs && lacks(app, needs.key)) {
      findings.push({ path: [...path, needs.key], message: `a ${type} app needs "${needs.key}": ${needs.what}` });
    }
  }
  for (const { action, path } of rawActions(suite)) findings.push(...actionFindings(action, path));
  return findings;
}
