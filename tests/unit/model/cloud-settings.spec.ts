import { test, expect } from '@playwright/test';
import { cloudSettingsSchema, readCloudSettings } from '@panoptic/model/cloud-settings';
import { WEB_APP, errorsOf, yaml } from '../config/helpers.js';

test('cloud settings parse, with the programmatic keys suites cannot hold', () => {
  expect(readCloudSettings({ provider: 's3', bucket: 'b', parallel_uploads: 4, sas_token: 't' }, 'settings.cloud')).toEqual({
    provider: 's3',
    bucket: 'b',
    parallel_uploads: 4,
    sas_token: 't',
  });
  expect(cloudSettingsSchema.safeParse({ bucket: 'b', sas_token: 't' }).success).toBe(false);
});

test('malformed cloud settings name the field and never quote a secret', () => {
  expect(() => readCloudSettings({ bucket: 'b', retention_policy: { days: -1 } }, 'settings.cloud')).toThrow(
    'settings.cloud.retention_policy.days: Too small: expected number to be >=0',
  );
  expect(() => readCloudSettings({ bucket: 'b', secret_key: 12345678 }, 'settings.cloud')).toThrow(/^settings\.cloud\.secret_key: Invalid input: expected string, received number$/);
});

test("the suite's validation uses the same schema", () => {
  const errors = errorsOf(yaml(...WEB_APP, 'settings:', '  cloud:', '    compression_level: 12'));
  expect(errors).toEqual([expect.stringContaining('settings.cloud.compression_level')]);
});
