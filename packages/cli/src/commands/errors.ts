import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import type { Classification } from '@panoptic/ai';
import type { CommandIo } from '../command-io.js';

interface ErrorsIo extends CommandIo {
  stdin?: NodeJS.ReadableStream;
}

type Parsed = { message: string; id?: unknown; snapshot?: string } | { error: string };

/** One input line: a JSON object with a string `message` (and optional `id`, `snapshot`), or plain text. */
function parseLine(line: string, where: string): Parsed {
  if (!line.trimStart().startsWith('{')) return { message: line };
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { error: `${where}: not valid JSON (${(error as Error).message}); write one JSON object per line, or plain text` };
  }
  const record = value as Record<string, unknown>;
  if (typeof record.message !== 'string') {
    return { error: `${where}: the object has no string "message" field (found ${JSON.stringify(Object.keys(record))}); expected {"message": "..."}` };
  }
  const parsed: Parsed = { message: record.message };
  if (record.id !== undefined) parsed.id = record.id;
  if (typeof record.snapshot === 'string') parsed.snapshot = record.snapshot;
  return parsed;
}

function openInput(input: string | undefined, io: ErrorsIo): { stream: NodeJS.ReadableStream; name: string } {
  if (input === undefined || input === '-') return { stream: io.stdin ?? process.stdin, name: '<stdin>' };
  const file = path.resolve(io.cwd ?? process.cwd(), input);
  if (!fs.existsSync(file)) throw new Error(`${input}: no such file; give a JSONL or text file of messages, or - for standard input`);
  return { stream: fs.createReadStream(file, 'utf8'), name: input };
}

/**
 * `panoptic errors classify [file|-]`: classifies one failure message per line and writes one JSON
 * object per non-blank input line, in input order. Exit code 1 when a line could not be read.
 */
export async function classifyErrorsCommand(input: string | undefined, io: ErrorsIo = {}): Promise<number> {
  const stdout = io.stdout ?? process.stdout;
  const stderr = io.stderr ?? process.stderr;
  let source: { stream: NodeJS.ReadableStream; name: string };
  try {
    source = openInput(input, io);
  } catch (error) {
    stderr.write(`error: ${(error as Error).message}\n`);
    return 1;
  }
  const { classify } = await import('@panoptic/ai');
  let lineNumber = 0;
  let failures = 0;
  const lines = readline.createInterface({ input: source.stream, crlfDelay: Infinity });
  for await (const line of lines) {
    lineNumber++;
    if (!line.trim()) continue;
    const parsed = parseLine(line, `${source.name}:${lineNumber}`);
    if ('error' in parsed) {
      failures++;
      stderr.write(`error: ${parsed.error}\n`);
      stdout.write(`${JSON.stringify({ line: lineNumber, error: parsed.error })}\n`);
      continue;
    }
    const result: Classification & { id?: unknown; line: number } = {
      ...(parsed.id !== undefined ? { id: parsed.id } : {}),
      line: lineNumber,
      ...classify(parsed.message, parsed.snapshot ? { snapshot: parsed.snapshot } : {}),
    };
    stdout.write(`${JSON.stringify(result)}\n`);
  }
  return failures ? 1 : 0;
}
