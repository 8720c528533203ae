/*
 * An element's attribute names are read once, and an attribute is read only when it is there: the
 * map asks a dozen attributes of each of thousands of elements, most of them absent, and every read
 * is a call into the browser, several times slower before V8 has optimized the collector (the first
 * analysis of a document). The names are qualified names as getAttribute matches them (lower case
 * for HTML, as written for SVG), so a name missing from them is a null from getAttribute.
 */

const NO_ATTRIBUTES: readonly string[] = [];

export const attributeNames = (el: Element): readonly string[] => (el.hasAttributes() ? el.getAttributeNames() : NO_ATTRIBUTES);

/** el.hasAttribute(name), given the element's attribute names. */
export const has = (names: readonly string[], name: string): boolean => names.length !== 0 && names.includes(name);

/** el.getAttribute(name), given the element's attribute names. */
export const attributeOf = (el: Element, names: readonly string[], name: string): string | null => (has(names, name) ? el.getAttribute(name) : null);
