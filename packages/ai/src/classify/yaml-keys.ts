import type { HealingHint } from './heal.js';

// Words and punctuation that YAML reads as text as they are; anything else is quoted.
const PLAIN = /^[A-Za-z](?:[\w .,'()-]*[\w.)])?$/;
// Words YAML (1.1 or 1.2) reads as booleans or null.
const RESERVED = /^(?:true|false|null|yes|no|on|off|y|n)$/i;

/** A value as it is written after `key: `: plain when it reads as text, else double-quoted (JSON's escapes are YAML's). */
function yamlScalar(value: string): string {
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

/**
 * A healing hint as the keys a YAML suite's action takes: `selector: "role=textbox[name=\"User\"]"`,
 * and `target: Sign in` where a click's target finds the element. Each entry is one alternative.
 * Reports show it for failed tests, and `smart_error_recovery` for the steps it healed.
 */
export function yamlKeysOf(hint: { selector?: HealingHint['selector'] | undefined; target?: HealingHint['target'] | undefined }): string[] {
  if (!hint.selector) return [];
  return [`selector: ${JSON.stringify(hint.selector)}`, ...(hint.target ? [`target: ${yamlScalar(hint.target)}`] : [])];
}
