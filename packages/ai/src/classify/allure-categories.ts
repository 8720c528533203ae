import { CATEGORIES, CATEGORY_TITLES, type Category } from './categories.js';
import { portableSource, type GroupNumbers } from './portable-regex.js';
import { RULES, type Rule } from './rules.js';

/**
 * One entry of Allure's categories.json, as allure-js-commons' `Category` (the `categories` option
 * of allure-playwright) has it. Declared here so @panoptic/ai needs no Allure package.
 */
export interface AllureCategory {
  name: string;
  description: string;
  messageRegex: string;
  matchedStatuses: ('failed' | 'broken')[];
}

const ANYTHING = '[\\s\\S]*';

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

/** A zero-width test, at the start of the message, that `rule` decides as the classifier does. */
function fires(rule: Rule, groups: GroupNumbers): string {
  const needs = rule.needs ? `(?=${ANYTHING}(?:${rule.needs.map(escapeLiteral).join('|')}))` : '';
  const unless = rule.unless ? `(?!${ANYTHING}(?:${portableSource(rule.unless, groups)}))` : '';
  return `${needs}(?=${ANYTHING}(?:${portableSource(rule.pattern, groups)}))${unless}`;
}

/**
 * The classifier takes the first rule that fires, so a rule of `category` decides only when no
 * earlier rule of another category fires: each alternative says so with negative lookaheads.
 * Allure 2 matches the whole message (hence the trailing `[\s\S]*$`), Allure 3 searches it.
 */
function messageRegexOf(category: Category): string {
  const groups: GroupNumbers = { count: 0 };
  const alternatives: string[] = [];
  RULES.forEach((rule, index) => {
    if (rule.category !== category) return;
    const earlier = RULES.slice(0, index).filter((other) => other.category !== category);
    alternatives.push(`${earlier.map((other) => `(?!${fires(other, groups)})`).join('')}${fires(rule, groups)}`);
  });
  // Unclassified: no rule fires at all.
  if (!alternatives.length) alternatives.push(RULES.map((rule) => `(?!${fires(rule, groups)})`).join(''));
  return `^(?:${alternatives.join('|')})${ANYTHING}$`;
}

/**
 * Allure categories (allure-playwright's `categories` option) for Panoptic's failure categories,
 * built from the classifier's own rules: a failed or broken test lands in exactly the category
 * `classify()` gives its first error's message. Computed per call; the regexes are long.
 */
export function allureCategories(): AllureCategory[] {
  return CATEGORIES.map((category) => ({
    name: CATEGORY_TITLES[category],
    description: `Panoptic failure category "${category}".`,
    messageRegex: messageRegexOf(category),
    matchedStatuses: ['failed', 'broken'],
  }));
}
