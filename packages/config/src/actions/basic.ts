import { z } from 'zod';
import { GESTURES, SWIPE_DIRECTIONS } from '../gestures.js';
import { ALL_APP_TYPES, artifactFile, defineAction } from './definition.js';

const noParameters = z.strictObject({});

const navigate = defineAction({
  summary: 'Opens `url` (or `value`, its older spelling).',
  keys: ['url', 'value'],
  parameters: noParameters,
  appTypes: ['web', 'mobile'],
});

const click = defineAction({
  summary: 'Clicks `selector`, or the element named by `target`; on mobile, `parameters.gesture` plays back or swipe instead.',
  keys: ['selector', 'target'],
  parameters: z.strictObject({
    gesture: z.enum(GESTURES).describe('A touch gesture instead of a tap.').optional(),
    direction: z.enum(SWIPE_DIRECTIONS).describe('swipe: where the finger moves (default up).').optional(),
    distance: z.number().gt(0).max(1).describe('swipe: the share of the screen or element covered (default 0.5).').optional(),
  }),
  appTypes: ALL_APP_TYPES,
});

const fill = defineAction({
  summary: 'Fills `selector` with `value`.',
  keys: ['selector', 'value'],
  parameters: noParameters,
  appTypes: ALL_APP_TYPES,
});

const submit = defineAction({
  summary: 'Submits the form of `selector` (or the first submit button); `parameters.keys` presses a key combination instead.',
  keys: ['selector'],
  parameters: z.strictObject({
    keys: z.string().trim().min(1).describe('A key combination to press instead of submitting, e.g. "ctrl+s".').optional(),
  }),
  appTypes: ALL_APP_TYPES,
});

const wait = defineAction({
  summary: 'Waits `wait_time` seconds (default 1).',
  keys: ['wait_time'],
  parameters: noParameters,
  appTypes: ALL_APP_TYPES,
});

const screenshot = defineAction({
  summary: 'Takes a screenshot, saved as `parameters.filename`.',
  keys: [],
  parameters: z.strictObject({
    filename: artifactFile.describe('File name inside the output folder.').optional(),
    area: z.enum(['window', 'screen']).describe("desktop: the app's window (default) or the whole screen.").optional(),
  }),
  appTypes: ALL_APP_TYPES,
});

const record = defineAction({
  summary: 'Starts a clip of `duration` seconds (default 30), saved as `parameters.filename`.',
  keys: ['duration'],
  parameters: z.strictObject({
    filename: artifactFile.describe('File name inside the output folder.').optional(),
  }),
  appTypes: ALL_APP_TYPES,
});

export const BASIC_ACTIONS = { navigate, click, fill, submit, wait, screenshot, record };
