import { test, expect } from '@playwright/test';
import { errorsOf, valid, WEB_APP, yaml } from './helpers.js';

test('a backup folder must stay inside the working directory, as the store folder must; URLs and other stores are not folders', () => {
  const text = yaml(...WEB_APP, 'settings:', '  cloud:', '    bucket: store', '    backup_locations:', '      - ../outside', '      - { provider: local, bucket: /etc/copies }');
  expect(errorsOf(text)).toEqual([
    'suite.yaml:9:9 - settings.cloud.backup_locations[0]: backup folder "../outside" is outside the working directory; use a folder inside it',
    'suite.yaml:10:36 - settings.cloud.backup_locations[1].bucket: backup folder "/etc/copies" is outside the working directory; use a folder inside it',
  ]);
  const fine = yaml(...WEB_APP, 'settings:', '  cloud:', '    bucket: store', '    backup_locations: [copies, "s3://other", "azure://box", { provider: aws, bucket: third }]');
  expect(valid(fine).warnings).toEqual([]);
});
