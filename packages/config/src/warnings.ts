import { inertKeyWarnings } from './actions/findings.js';
import { isTurnedOn, unavailableAiSettingReason, unavailableCloudSettingReason, unavailableReason, unavailableSettingReason } from './capabilities.js';
import type { CheckContext } from './checks.js';
import type { Finding } from './issues.js';
import { isMap, rawActions, rawSettings } from './raw.js';
import { distributedNodesWarning } from './distributed-warning.js';
import { encryptionSettingWarnings } from '@panoptic/model/cloud-settings';
import { outputSettingWarnings } from './output-setting.js';

/** What a valid suite asks for that this version will not do: said up front rather than mid-run. */
export function warningFindings(context: CheckContext): Finding[] {
  const findings: Finding[] = [];
  const { suite } = context;
  for (const { action, path } of rawActions(suite)) {
    const reason = typeof action.type === 'string' ? unavailableReason(action.type) : undefined;
    if (reason) findings.push({ path: [...path, 'type'], message: reason });
  }
  findings.push(...inertKeyWarnings(suite));
  const settings = rawSettings(suite) ?? {};
  for (const key of Object.keys(settings)) {
    const reason = unavailableSettingReason(key, settings[key]);
    if (reason) findings.push({ path: ['settings', key], message: reason, at: 'key' });
  }
  const cloud = settings.cloud;
  if (isMap(cloud)) {
    for (const [key, value] of Object.entries(cloud)) {
      const reason = isTurnedOn(value) ? unavailableCloudSettingReason(key) : undefined;
      if (reason) findings.push({ path: ['settings', 'cloud', key], message: reason, at: 'key' });
    }
    findings.push(...distributedNodesWarning(cloud));
    for (const { key, message } of encryptionSettingWarnings(cloud)) findings.push({ path: ['settings', 'cloud', key], message, at: 'key' });
  }
  const ai = settings.ai_testing;
  if (isMap(ai)) {
    for (const [key, value] of Object.entries(ai)) {
      const reason = isTurnedOn(value) ? unavailableAiSettingReason(key) : undefined;
      if (reason) findings.push({ path: ['settings', 'ai_testing', key], message: reason, at: 'key' });
    }
  }
  findings.push(...outputSettingWarnings(context));
  if (context.outputFromCommandLine && isMap(suite) && suite.output !== undefined) {
    findings.push({
      path: ['output'],
      message: 'ignored: the output folder given on the command line is used instead',
      at: 'key',
    });
  }
  return findings;
}
