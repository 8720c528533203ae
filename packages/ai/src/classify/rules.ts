import type { Category } from './categories.js';

/** One sign of a category in a normalized message. Rules are tried in order; the first that matches decides. */
export interface Rule {
  /** Stable id: the calibration table is keyed by it. */
  id: string;
  category: Category;
  pattern: RegExp;
  /** Any of these substrings must be in the text before the pattern is tried: a cheap first filter. */
  needs?: readonly string[];
  /** The rule does not apply when this also matches (a located element is not a missing one). */
  unless?: RegExp;
}

// Each pattern is matched against the whole normalized message (multiline); the matched line is the evidence.
export const RULES: readonly Rule[] = [
  // A browser that cannot start or be reached: launch errors quote "has been closed", so they come first.
  { id: 'env.executable-missing', needs: ["xecutable doesn't exist", 'is not found at', 'npx playwright install'], category: 'environment', pattern: /executable doesn't exist|Executable doesn't exist|is not found at|npx playwright install/ },
  { id: 'env.launch', needs: ['browserType.launch'], category: 'environment', pattern: /^(?:\w*Error: )?browserType\.(?:launch|launchPersistentContext|launchServer)\b.*$/m },
  { id: 'env.connect', needs: ['browserType.connect'], category: 'environment', pattern: /^(?:\w*Error: )?browserType\.(?:connect|connectOverCDP)\b.*$/m },
  { id: 'env.spawn', needs: ['spawn ', 'Failed to launch'], category: 'environment', pattern: /spawn \S+ (?:EACCES|ENOENT|ENOTDIR)|Failed to launch/ },
  { id: 'env.panoptic', needs: ['NotAvailableError', 'not available yet', 'No Chromium found', 'BrowserNotFoundError'], category: 'environment', pattern: /NotAvailableError|not available yet in Panoptic|No Chromium found|BrowserNotFoundError/ },

  { id: 'closed.target', needs: ['closed'], category: 'page-closed', pattern: /Target (?:page, context or browser has been closed|closed)|(?:Page|Browser|Context|Frame) (?:has been|was) closed/ },
  { id: 'closed.navigation', needs: ['Navigation failed because'], category: 'page-closed', pattern: /Navigation failed because (?:page was closed|browser has disconnected)/ },
  { id: 'closed.crash', needs: ['crashed'], category: 'page-closed', pattern: /Page crashed|page crashed|Target crashed|crashed/ },
  { id: 'closed.frame', needs: ['detached'], category: 'page-closed', pattern: /Frame (?:was|has been) detached|frame got detached/i },
  { id: 'closed.disposed', needs: ['disposed'], category: 'page-closed', pattern: /(?:Request context|context) (?:was |has been )?disposed|after (?:it was )?disposed/i },

  { id: 'ambiguous.strict', needs: ['strict mode violation'], category: 'locator-ambiguous', pattern: /strict mode violation.*$/m },

  { id: 'visual.screenshot', needs: ['toHaveScreenshot', 'Screenshot comparison'], category: 'visual-mismatch', pattern: /toHaveScreenshot\(.*$|Screenshot comparison failed.*$/m },
  { id: 'visual.snapshot', needs: ['toMatchSnapshot', "snapshot doesn't exist"], category: 'visual-mismatch', pattern: /toMatchSnapshot\(.*$|A snapshot doesn't exist at.*$/m },
  { id: 'visual.pixels', needs: ['pixels', 'Expected an image'], category: 'visual-mismatch', pattern: /\d+ pixels? \(ratio [\d.]+ of all image pixels\) (?:is|are) different|Expected an image \d+px by \d+px/ },

  { id: 'not-found.expect', needs: ['element(s) not found'], category: 'locator-not-found', pattern: /element\(s\) not found|Expected: (?:visible|to be visible)\s+Received: <element\(s\) not found>/ },

  { id: 'network.net-error', needs: ['net::ERR_'], category: 'network', pattern: /net::ERR_[A-Z_]+.*$/m },
  { id: 'network.socket', needs: ['ECONN', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'socket hang up', 'Failed to fetch', 'NetworkError'], category: 'network', pattern: /\b(?:ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b.*$|socket hang up|Failed to fetch|NetworkError when attempting to fetch/m },
  { id: 'network.status', needs: ['toBeOK', 'status of', 'HTTP ', 'failOnStatusCode', 'Not Found', 'Server Error', 'Unavailable', 'Unauthorized', 'Forbidden', 'Bad ', 'Gateway', 'Too Many'], category: 'network', pattern: /toBeOK\(\).*$|\b[45]\d\d \(?(?:Not Found|Internal Server Error|Service Unavailable|Unauthorized|Forbidden|Bad Gateway|Bad Request|Gateway Timeout|Too Many Requests).*$|status of [45]\d\d.*$|\bHTTP [45]\d\d\b.*$|failOnStatusCode.*$/m },
  { id: 'network.request-failed', category: 'network', pattern: /request failed:.*$|requestfailed.*$/im },
  { id: 'network.navigation-timeout', needs: ['goto: ', 'apiRequestContext.', 'Request timed out'], category: 'network', pattern: /^(?:\w*Error: )?(?:page|frame)\.goto: (?:Test )?[Tt]imeout \d+ms exceeded.*$|^(?:\w*Error: )?apiRequestContext\.\w+: (?:Test )?[Tt]imeout \d+ms exceeded.*$|Request timed out after \d+ms/m },

  { id: 'actionable.state', needs: ['lement is not'], category: 'element-not-actionable', pattern: /element is not (?:visible|enabled|editable|stable|attached)|Element is not (?:visible|attached to the DOM)/ },
  { id: 'actionable.intercepted', needs: ['intercepts pointer events'], category: 'element-not-actionable', pattern: /intercepts pointer events.*$/m },
  { id: 'actionable.viewport', needs: ['outside of the viewport'], category: 'element-not-actionable', pattern: /element is outside of the viewport/ },
  { id: 'actionable.detached', needs: ['detached', 'not attached'], category: 'element-not-actionable', pattern: /element was detached from the DOM|not attached to the DOM|Element is not attached/ },
  { id: 'actionable.waiting-state', needs: ['waiting for element to be'], category: 'element-not-actionable', pattern: /- waiting for element to be (?:visible|enabled|stable|editable).*$/m },
  { id: 'actionable.kind', needs: ['Element is not a', 'Not a checkbox', 'Node is not an', 'did not change its state', 'Cannot '], category: 'element-not-actionable', pattern: /Element is not an? <[^>]+>.*$|Not a checkbox or radio button|Node is not an HTMLInputElement|did not change its state|Cannot (?:check|uncheck|fill|select)\b.*$/m },

  { id: 'assertion.expect', needs: ['expect'], category: 'assertion-mismatch', pattern: /expect(?:\.soft|\.poll)?\(.*$/m },
  { id: 'assertion.node', needs: ['AssertionError', 'ERR_ASSERTION', 'Expected values'], category: 'assertion-mismatch', pattern: /AssertionError.*$|ERR_ASSERTION|Expected values to be strictly (?:deep-)?equal/m },
  { id: 'assertion.values', needs: ['Expected'], category: 'assertion-mismatch', pattern: /^\s*Expected(?: string| pattern| substring| value)?: .*$\n^\s*Received/m },

  { id: 'not-found.waiting', needs: ['- waiting for '], category: 'locator-not-found', pattern: /- waiting for (?:locator|getBy\w+|frameLocator|selector|internal:)\(?.*$/m, unless: /locator resolved to|resolved to \d+ elements?/ },

  { id: 'timeout.test', needs: ['Test timeout', 'Fixture "', 'Timed out '], category: 'test-timeout', pattern: /Test timeout of \d+ms exceeded.*$|Fixture ".*" timeout.*$|Timed out \d+ms waiting for.*$/m },
  { id: 'timeout.wait', needs: ['imeout', 'imed out', 'IMEOUT', 'IMED OUT'], category: 'test-timeout', pattern: /\bTimeout \d+ms exceeded.*$|timed out.*$/im },

  { id: 'script.page-code', needs: ['valuate', '$eval', '$$eval'], category: 'script-error', pattern: /^(?:\w*Error: )?(?:page|frame|locator|elementHandle|jsHandle|worker)\.(?:evaluate|evaluateHandle|evaluateAll|\$eval|\$\$eval)\w*: .*$/m },
  { id: 'script.js-error', needs: ['Error'], category: 'script-error', pattern: /\b(?:TypeError|ReferenceError|SyntaxError|RangeError|EvalError|URIError|InternalError)\b.*$/m },
  { id: 'script.thrown', needs: ['Error', 'Exception', 'thrown: '], category: 'script-error', pattern: /^(?:Uncaught )?(?:[A-Z]\w*)?(?:Error|Exception)\b.*$|^thrown: .*$/m },
  // A thrown non-Error value: Playwright prints just the value.
  { id: 'script.thrown-value', category: 'script-error', pattern: /^(['"`]).*\1$|^\d+$|^(?:undefined|null)$/ },
];
