import { test, expect } from '@playwright/test';
import { classify, learnCalibration, PRIOR_LABELS } from '@panoptic/ai/classify';

const notFound = "TimeoutError: locator.click: Timeout 1000ms exceeded.\nCall log:\n  - waiting for locator('#sign-in')";
const network = 'Error: page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:9/';

test('labels that confirm a rule raise its confidence, labels that correct it lower it; other rules keep theirs', () => {
  const builtIn = classify(notFound).confidence;
  const confirmed = learnCalibration([{ message: notFound, category: 'locator-not-found' }]);
  const corrected = learnCalibration([
    { message: notFound, category: 'assertion-mismatch' },
    { message: notFound, category: 'assertion-mismatch' },
  ]);
  expect(classify(notFound, { learned: confirmed }).confidence).toBeCloseTo((1 + PRIOR_LABELS * builtIn) / (1 + PRIOR_LABELS), 3);
  expect(classify(notFound, { learned: corrected }).confidence).toBeCloseTo((PRIOR_LABELS * builtIn) / (2 + PRIOR_LABELS), 3);
  // The category is still the classifier's: labels recalibrate how sure it is.
  expect(classify(notFound, { learned: corrected }).category).toBe('locator-not-found');
  expect(classify(network, { learned: corrected }).confidence).toBe(classify(network).confidence);
  expect(classify(notFound, { learned: learnCalibration([]) }).confidence).toBe(builtIn);
});
