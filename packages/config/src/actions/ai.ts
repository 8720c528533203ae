import { z } from 'zod';
import { artifactFile, defineAction } from './definition.js';

/** Element kinds `vision_click` can look for (the vision module's own list; a test keeps the two equal). */
export const VISION_CLICK_TYPES = ['button', 'link', 'textfield', 'input', 'image', 'checkbox', 'radio', 'heading', 'tab', 'menuitem', 'text'] as const;

const output = artifactFile.describe('File name of the JSON report inside the output folder.').optional();

const vision_click = defineAction({
  summary: 'Clicks by visible text (`parameters.text` or `target`) and/or element type: the DOM first, OCR for text drawn in pixels.',
  keys: ['target'],
  parameters: z.strictObject({
    text: z.string().min(1).describe('The visible text to click.').optional(),
    type: z.enum(VISION_CLICK_TYPES).describe('The kind of element to click.').optional(),
  }),
  appTypes: ['web'],
});

const vision_report = defineAction({
  summary: "Attaches the page's vision analysis as JSON and an annotated screenshot.",
  keys: [],
  parameters: z.strictObject({
    filename: artifactFile.describe('File name (.json and .png) inside the output folder.').optional(),
    output: artifactFile.describe('Older spelling of filename.').optional(),
  }),
  appTypes: ['web'],
});

const ai_test_generation = defineAction({
  summary: 'Explores the app from the current page and writes a Playwright spec, the equivalent YAML suite and a report.',
  keys: [],
  parameters: z.strictObject({
    depth: z.number().int().nonnegative().describe('How many links deep to follow (default 1).').optional(),
    output: artifactFile.describe('Folder inside the output folder for the generated files.').optional(),
  }),
  appTypes: ['web'],
});

const smart_error_detection = defineAction({
  summary: 'Classifies the console errors, page errors and failed requests since the test started; fails when there were any.',
  keys: [],
  parameters: z.strictObject({
    output,
    fail: z.boolean().describe('Whether errors fail the step (default true).').optional(),
  }),
  appTypes: ['web'],
});

const ai_enhanced_testing = defineAction({
  summary: "Replays the app's actions, each followed by a vision analysis and the page's errors.",
  keys: [],
  parameters: z.strictObject({ output }),
  appTypes: ['web'],
});

export const AI_ACTIONS = { vision_click, vision_report, ai_test_generation, smart_error_detection, ai_enhanced_testing };
