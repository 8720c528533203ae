import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { ACTION_TYPES, suiteJsonSchema } from '@panoptic/config';

const PACKAGE = fileURLToPath(new URL('../../../packages/config/', import.meta.url));
const COMMITTED = path.join(PACKAGE, 'schema', 'panoptic.schema.json');

test('the committed JSON schema is what the generator writes now', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'panoptic-schema-'));
  try {
    const fresh = path.join(dir, 'panoptic.schema.json');
    execFileSync(process.execPath, [path.join(PACKAGE, 'scripts', 'gen-schema.mjs'), fresh]);
    // On failure: run the generator (see packages/config/scripts) and commit its output.
    expect(fs.readFileSync(COMMITTED, 'utf8')).toBe(fs.readFileSync(fresh, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the JSON schema is draft-07, closed to unknown keys, and knows every action type', () => {
  const schema = suiteJsonSchema() as {
    $schema: string;
    title: string;
    additionalProperties: boolean;
    required: string[];
    properties: { actions: { items: { $ref: string } }; apps: { items: { properties: { actions: { items: { $ref: string } } } } } };
    definitions: { action: { properties: { type: { enum: string[] } }; allOf: { if: { properties: { type: { const: string } } }; then: { properties: { parameters: { properties: Record<string, unknown>; additionalProperties: boolean } } } }[] } };
  };
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
  expect(schema.title).toBe('Panoptic suite');
  expect(schema).not.toHaveProperty('$id');
  expect(schema.additionalProperties).toBe(false);
  expect(schema.required).toEqual(['apps']);
  // Global and per-app actions share one definition, with each type's own parameters.
  expect(schema.properties.actions.items.$ref).toBe('#/definitions/action');
  expect(schema.properties.apps.items.properties.actions.items.$ref).toBe('#/definitions/action');
  const action = schema.definitions.action;
  expect(action.properties.type.enum).toEqual([...ACTION_TYPES]);
  expect(action.allOf.map((branch) => branch.if.properties.type.const)).toEqual([...ACTION_TYPES]);
  const parametersOf = (type: string) => action.allOf.find((branch) => branch.if.properties.type.const === type)!.then.properties.parameters;
  expect(Object.keys(parametersOf('screenshot').properties)).toEqual(['filename', 'area']);
  expect(Object.keys(parametersOf('smart_error_detection').properties)).toEqual(['output', 'fail']);
  expect(parametersOf('navigate').properties).toEqual({});
  expect(parametersOf('click').additionalProperties).toBe(false);
});
