import { CommandError } from '../command-error.js';

/** A flag's whole number, written in digits only: `1e2`, `0x10` or an empty value are refused. */
export function wholeNumber(value: string, flag: string, min: number): number {
  const number = Number(value);
  if (!/^\d+$/.test(value.trim()) || number < min) throw new CommandError([`${flag}: expected a whole number >= ${min}, got ${JSON.stringify(value)}`]);
  return number;
}

export function positiveNumber(value: string, flag: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) throw new CommandError([`${flag}: expected a number >= 0, got ${JSON.stringify(value)}`]);
  return number;
}
