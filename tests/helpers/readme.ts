import fs from 'node:fs';
import path from 'node:path';
import { marked, type Token, type Tokens } from 'marked';
import { repoRoot } from './inline.js';

/** The root README as GitHub reads it (GFM: tables, fenced code). */
export function readmeTokens(): Token[] {
  return marked.lexer(fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8'));
}

/** The tokens of the `##` section with this title, up to the next `##`. */
export function sectionTokens(tokens: Token[], title: string): Token[] {
  const start = tokens.findIndex((token) => token.type === 'heading' && (token as Tokens.Heading).depth === 2 && (token as Tokens.Heading).text === title);
  if (start === -1) throw new Error(`README has no "## ${title}" section`);
  const next = tokens.findIndex((token, index) => index > start && token.type === 'heading' && (token as Tokens.Heading).depth <= 2);
  return tokens.slice(start + 1, next === -1 ? undefined : next);
}

export function codeBlocks(tokens: Token[], lang?: string): Tokens.Code[] {
  return tokens.filter((token): token is Tokens.Code => token.type === 'code' && (lang === undefined || token.lang === lang));
}

/**
 * Blocks that say which file they are on their first line (`// playwright.config.ts`,
 * `# suites/first.yaml`): the README's complete files, as a user would copy them.
 */
export function fileBlocks(tokens: Token[]): { file: string; text: string }[] {
  return codeBlocks(tokens).flatMap((block) => {
    const named = /^(?:\/\/|#) ([\w./-]+\.(?:ts|yaml))$/.exec(block.text.split('\n')[0] ?? '');
    return named ? [{ file: named[1]!, text: `${block.text}\n` }] : [];
  });
}
