export {
  ACTION_TYPES,
  suiteSchema,
  type ActionType,
  type Suite,
  type App,
  type Action,
  type Settings,
  type AiTestingSettings,
  type CloudSettings,
  type EnterpriseSettings,
} from './schema.js';
