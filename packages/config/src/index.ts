export {
  ACTION_TYPES,
  ORIGINAL_ACTION_TYPES,
  PANOPTIC_ACTION_TYPES,
  suiteSchema,
  type ActionType,
  type Suite,
  type App,
  type Action,
  type ActionOf,
  type Settings,
  type AiTestingSettings,
  type CloudSettings,
  type EnterpriseSettings,
} from './schema.js';
export {
  parseSuite,
  loadSuite,
  type LoadedSuite,
  type LoadOptions,
} from './load.js';
export { acrossSuitesIssues, assertSuitesRunTogether } from './across-suites.js';
export { InvalidSuitesError, invalidSuitesReport, loadSuites } from './invalid-suites.js';
export {
  formatIssue,
  SuiteValidationError,
  type SuiteIssue,
  type SuiteWarning,
} from './issues.js';
export {
  AVAILABLE_ACTION_TYPES,
  unavailableReason,
  unavailableSettingReason,
  unavailableAiSettingReason,
  unavailableCloudSettingReason,
  isTurnedOn,
} from './capabilities.js';
export { suiteJsonSchema } from './json-schema.js';
export { ACTION_DEFINITIONS, isActionType, type ActionParameters } from './actions/registry.js';
export { VISION_CLICK_TYPES } from './actions/ai.js';
export type { ActionDefinition, ActionKey, AppType } from './actions/definition.js';
export {
  compileSuite,
  contextOptionsFor,
  deviceNameFor,
  appTag,
  storeFolderOf,
  actionsOf,
  appRecords,
  resolveOutputDir,
  DEFAULT_OUTPUT,
  type CompileOptions,
  type CompiledSuite,
  type CompiledUse,
  type DeviceDescriptor,
  type PanopticUseOptions,
  type ScreenshotType,
} from './compile.js';
export { suiteTitles } from './suite-titles.js';
export { appSourceOf, locatedActionsOf, sourceOf, type LocatedAction, type SourceLocation } from './sources.js';
export {
  DEFAULT_ELEMENT_TIMEOUT_SECONDS,
  DEFAULT_PAGE_TIMEOUT_SECONDS,
  DEFAULT_RECORD_SECONDS,
  DEFAULT_WAIT_SECONDS,
  grownTimeout,
  plannedMilliseconds,
} from './timeouts.js';
export { distributedRun, distributedNodesNote, orderedNodes, type DistributedRun } from './distributed.js';
export { deviceBrowserFor, type DeviceBrowser } from './device-browser.js';
export {
  GESTURES,
  SWIPE_DIRECTIONS,
  DEFAULT_SWIPE_DISTANCE,
  gestureOf,
  type Gesture,
  type GestureRequest,
  type SwipeDirection,
} from './gestures.js';
export { redactUrl, isSecretQueryParam, REDACTED } from './redact.js';
export { secretsOfSuite, secretsOfUrl, secretForms, redactSecrets, redactSource, hasSecretQuery } from './secrets.js';
