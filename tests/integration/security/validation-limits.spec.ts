import { test, expect } from '@playwright/test';
import { runPanoptic, writeProject } from '../../helpers/inline.js';

// What `panoptic validate` accepts, a run must be able to do: limits the runtime, the file system
// or the store would hit later are refused at validation, each at its file:line:col.

const APP = `apps:
  - name: web
    type: web
    url: http://127.0.0.1:9/
`;

test('validate refuses wait_time: 2200000 (a wait Node.js would end after 1 ms) at its file:line:col', async () => {
  const dir = writeProject({ 'suite.yaml': `${APP}    actions:\n      - { name: pause, type: wait, wait_time: 2200000 }\n` });
  const run = await runPanoptic(dir, ['validate', 'suite.yaml']);
  expect(run.exitCode, run.output).toBe(1);
  expect(run.stderr).toContain(
    'error: suite.yaml:6:47 - apps[0].actions[0].wait_time: expected a number of at most 2147483, found a number (2200000); seconds: Node.js timers cannot wait longer than 2^31-1 ms (about 24.8 days)',
  );
});
