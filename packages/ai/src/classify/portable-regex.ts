import { RegExpParser, type AST } from '@eslint-community/regexpp';

// Allure matches category regexes as strings without flags: Allure 2 (Java) with DOTALL and a full
// match, Allure 3 with JavaScript's `s` flag. The classifier's patterns use `m` and `i`, and `.` that
// stops at line ends, so each one is rewritten into a flagless source that means the same in both.

const LINE_TERMINATOR = '\\n\\r\\u2028\\u2029';
const NOT_LINE_TERMINATOR = `[^${LINE_TERMINATOR}]`;

/** Numbers the backreferenced groups of one combined regex, where every rule's groups shift. */
export interface GroupNumbers {
  count: number;
}

interface Emit {
  multiline: boolean;
  ignoreCase: boolean;
  groups: GroupNumbers;
  numbers: Map<AST.CapturingGroup, number>;
}

function bothCases(value: number): string {
  const char = String.fromCodePoint(value);
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  return lower === upper ? '' : `${lower}${upper}`;
}

function hasCasedLetter(node: AST.CharacterClass): boolean {
  return node.elements.some((element) => {
    if (element.type === 'Character') return bothCases(element.value) !== '';
    if (element.type === 'CharacterClassRange') return bothCases(element.min.value) !== '' || bothCases(element.max.value) !== '';
    return false;
  });
}

function emitAssertion(node: AST.Assertion, ctx: Emit): string {
  switch (node.kind) {
    // Line starts and ends are lookarounds: Java and JavaScript agree on them without the `m` flag.
    case 'start':
      return ctx.multiline ? `(?<!${NOT_LINE_TERMINATOR})` : '(?<![\\s\\S])';
    case 'end':
      return ctx.multiline ? `(?!${NOT_LINE_TERMINATOR})` : '(?![\\s\\S])';
    case 'word':
      return node.raw;
    case 'lookahead':
    case 'lookbehind': {
      const opener = `(?${node.kind === 'lookbehind' ? '<' : ''}${node.negate ? '!' : '='}`;
      return `${opener}${emitAlternatives(node.alternatives, ctx)})`;
    }
  }
}

function emitAlternatives(alternatives: AST.Alternative[], ctx: Emit): string {
  return alternatives.map((alternative) => alternative.elements.map((element) => emitNode(element, ctx)).join('')).join('|');
}

function emitNode(node: AST.Element, ctx: Emit): string {
  switch (node.type) {
    case 'Assertion':
      return emitAssertion(node, ctx);
    case 'Group':
      return `(?:${emitAlternatives(node.alternatives, ctx)})`;
    case 'CapturingGroup': {
      // Only a group a backreference points at keeps capturing, so numbers stay small and known.
      if (node.references.length === 0) return `(?:${emitAlternatives(node.alternatives, ctx)})`;
      ctx.numbers.set(node, ++ctx.groups.count);
      return `(${emitAlternatives(node.alternatives, ctx)})`;
    }
    case 'Backreference': {
      const target = Array.isArray(node.resolved) ? node.resolved[0] : node.resolved;
      const number = target && ctx.numbers.get(target);
      if (number === undefined) throw new Error(`Backreference ${node.raw} points at a group not emitted before it.`);
      return `\\${number}`;
    }
    case 'Quantifier':
      return `(?:${emitNode(node.element, ctx)})${node.raw.slice(node.element.raw.length)}`;
    case 'CharacterSet':
      return node.kind === 'any' ? NOT_LINE_TERMINATOR : node.raw;
    case 'Character': {
      const cases = ctx.ignoreCase ? bothCases(node.value) : '';
      return cases ? `[${cases}]` : node.raw;
    }
    case 'CharacterClass':
      if (ctx.ignoreCase && hasCasedLetter(node)) throw new Error(`Class ${node.raw} with letters under the i flag is not translated.`);
      return node.raw;
    default:
      throw new Error(`Regex element ${node.raw} (${node.type}) is not translated.`);
  }
}

/**
 * The source of `pattern` without flags: `.` never crosses a line, `^`/`$` keep their `m` meaning, `i`
 * becomes letter classes. Valid, and equal in meaning, in Java and JavaScript with or without DOTALL.
 */
export function portableSource(pattern: RegExp, groups: GroupNumbers): string {
  const unsupported = pattern.flags.replace(/[mi]/g, '');
  if (unsupported) throw new Error(`/${pattern.source}/${pattern.flags}: flags ${unsupported} are not translated.`);
  const ast = new RegExpParser().parsePattern(pattern.source, 0, pattern.source.length, { unicode: false });
  return emitAlternatives(ast.alternatives, { multiline: pattern.multiline, ignoreCase: pattern.ignoreCase, groups, numbers: new Map() });
}
