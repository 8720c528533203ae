import { test, expect } from '@playwright/test';
import { expiryFromForm, gatesFromForm } from '../../../packages/server/dist/dashboard/forms.js';

// What the dashboard's quarantine and gates forms send, as the domain functions take it: the values'
// own checks stay in the domain, so a form only decides what an empty field and a date field mean.

test('gates form: empty is off, numbers are numbers, anything else goes on as text for the domain to judge', () => {
  expect(gatesFromForm({ csrf: 't', min_pass_rate: ' 90 ', max_new_failures: '', max_flaky_rate: '2.5', max_duration: '15m' }))
    .toEqual({ min_pass_rate: 90, max_new_failures: null, max_flaky_rate: 2.5, max_duration: '15m' });
  expect(gatesFromForm({})).toEqual({ min_pass_rate: null, max_new_failures: null, max_flaky_rate: null, max_duration: null });
  expect(gatesFromForm({ min_pass_rate: '-5', max_duration: 'fast', max_flaky_rate: '.5' })).toMatchObject({ min_pass_rate: -5, max_duration: 'fast', max_flaky_rate: 0.5 });
});

test('quarantine expiry: the end of the chosen day in UTC; a day that does not exist is refused with a 400', () => {
  expect(expiryFromForm('2027-01-15')).toBe('2027-01-15T23:59:59.999Z');
  for (const bad of ['2027-02-31', '15/01/2027', '', '2027-1-5', '2027-01-15T10:00']) {
    expect(() => expiryFromForm(bad), bad).toThrow(expect.objectContaining({ status: 400, message: expect.stringContaining('is not a day') }));
  }
});
