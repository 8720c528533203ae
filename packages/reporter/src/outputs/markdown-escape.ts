/**
 * Text from tests, apps and pages goes into Markdown that GitHub renders (job summaries, pull
 * request comments): raw HTML, images and links in it must show as text, never act.
 */

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Inline text: HTML is written as entities, and the characters that open Markdown constructs
 * (links, images, emphasis, code, strikethrough, table cells) are backslash-escaped. One line:
 * a newline would end a list item or a table row.
 */
export function markdownText(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[&<>]/g, (char) => HTML_ENTITIES[char] ?? char)
    .replace(/[\\`*_[\]|~!]/g, '\\$&');
}

/**
 * A code span, for code the reader copies (a locator): its content is literal, so it is not
 * escaped; the fence is longer than any run of backticks inside, so the content cannot close it,
 * and padded by spaces only where the content starts or ends with a backtick (CommonMark strips
 * that one space again).
 */
export function markdownCode(text: string): string {
  const line = text.replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(1, longestRun + 1));
  const pad = /^`|`$/.test(line) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}
