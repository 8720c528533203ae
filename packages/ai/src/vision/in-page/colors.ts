export type Rgb = [number, number, number];
export type Rgba = [number, number, number, number];

/** A computed colour (`rgb(...)`, `rgba(...)`, `transparent`) as channels 0..255 and alpha 0..1. */
export function readColor(value: string): Rgba {
  const match = value.match(/rgba?\(([^)]+)\)/);
  if (!match) return [0, 0, 0, value === 'transparent' ? 0 : 1];
  const parts = match[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
  return [parts[0] ?? 0, parts[1] ?? 0, parts[2] ?? 0, parts[3] ?? 1];
}

/** Parses each distinct colour once: a page uses a handful, and parsing each element's again is a good part of the time. */
export class Colors {
  private readonly parsed = new Map<string, Rgba>();

  parse(value: string): Rgba {
    let rgba = this.parsed.get(value);
    if (!rgba) this.parsed.set(value, (rgba = readColor(value)));
    return rgba;
  }
}
