import { test, expect } from '@playwright/test';
import {
  ACTION_TYPES,
  AVAILABLE_ACTION_TYPES,
  unavailableReason,
  unavailableSettingReason,
  unavailableCloudSettingReason,
  unavailableAiSettingReason,
  isTurnedOn,
} from '@panoptic/config';

test('the available action types are the ones this version plays', () => {
  expect([...AVAILABLE_ACTION_TYPES]).toEqual(['navigate', 'click', 'fill', 'submit', 'wait', 'screenshot', 'record', 'vision_click', 'vision_report', 'ai_test_generation', 'smart_error_detection', 'ai_enhanced_testing', 'cloud_sync', 'cloud_analytics', 'distributed_test', 'cloud_cleanup', 'enterprise_status', 'user_create', 'user_authenticate', 'project_create', 'team_create', 'api_key_create', 'audit_report', 'compliance_check', 'license_info', 'backup_data', 'cleanup_data', 'assert_text', 'assert_count', 'assert_checked', 'assert_visible', 'assert_attribute', 'assert_value', 'assert_url', 'assert_title', 'double_click', 'hover', 'select_option', 'press_key', 'assert_focused']);
  for (const type of AVAILABLE_ACTION_TYPES) expect(unavailableReason(type)).toBeUndefined();
});

test('every action type is available: none waits for a capability', () => {
  expect(ACTION_TYPES.filter((type) => !(AVAILABLE_ACTION_TYPES as readonly string[]).includes(type))).toEqual([]);
  expect(unavailableReason('no_such_type')).toBeUndefined();
});

test('settings blocks that are not available say so', () => {
  expect(unavailableSettingReason('headless')).toBeUndefined();
  expect(unavailableSettingReason('cloud')).toBeUndefined();
  expect(unavailableSettingReason('ai_testing')).toBeUndefined();
  for (const honoured of ['enable_test_generation', 'max_generated_tests', 'auto_generate_tests']) expect(unavailableAiSettingReason(honoured)).toBeUndefined();
  for (const key of ['enable_vision_analysis', 'max_elements_to_analyze', 'confidence_threshold', 'parallel_workers']) {
    expect(unavailableAiSettingReason(key)).toBeUndefined();
  }
  for (const key of ['smart_error_recovery', 'adaptive_test_priority', 'enable_learning']) expect(unavailableAiSettingReason(key)).toBeUndefined();
  expect(unavailableCloudSettingReason('bucket')).toBeUndefined();
  for (const key of ['enable_distributed', 'distributed_nodes', 'distributed']) expect(unavailableCloudSettingReason(key)).toBeUndefined();
  for (const key of ['enable_sync', 'sync_interval', 'enable_cdn', 'cdn_endpoint', 'backup_locations']) expect(unavailableCloudSettingReason(key)).toBeUndefined();
  expect([isTurnedOn(false), isTurnedOn([]), isTurnedOn(0), isTurnedOn(true), isTurnedOn(['x']), isTurnedOn({ enabled: true })]).toEqual([false, false, false, true, true, true]);
  expect(unavailableSettingReason('buffer_size_kb')).toBe('has no effect: Playwright manages its own I/O buffers');
});
