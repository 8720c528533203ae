import { GATE_NAMES } from '@panoptic/model/gates';
import type { GatesInput } from '../domain/gates.js';
import { DomainError } from '../domain/errors.js';

// What the dashboard's forms send, turned into what the domain functions take. The checks of the
// values themselves stay in the domain (one rule for the API and the dashboard); these only say
// what an empty field or a date field means.

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

/**
 * The gates form: an empty field is a gate that is off; a number is sent as a number and anything
 * else as text, so the domain's schema answers with its own message ("15m" is a valid duration,
 * "fast" is not).
 */
export function gatesFromForm(body: Readonly<Record<string, string | undefined>>): GatesInput {
  const input: GatesInput = {};
  for (const name of GATE_NAMES) {
    const text = body[name]?.trim() ?? '';
    input[name] = text === '' ? null : NUMBER.test(text) ? Number(text) : text;
  }
  return input;
}

/** A date field's day as the end of that day in UTC, so a quarantine "until 15 January" still holds on the 15th. */
export function expiryFromForm(day: string): string {
  const end = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T23:59:59.999Z`) : undefined;
  // A day that does not exist (31 February) either fails to parse or rolls over into another day.
  if (!end || Number.isNaN(end.getTime()) || end.toISOString().slice(0, 10) !== day) {
    throw new DomainError(400, `the expiry ${JSON.stringify(day.slice(0, 40))} is not a day: pick one as YYYY-MM-DD`);
  }
  return end.toISOString();
}
