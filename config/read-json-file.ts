import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { FeedConfigError } from './errors.js';

/** Reads and validates one JSON file; errors name the file and each bad field path. */
export async function readJsonFile<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (err) {
    throw new FeedConfigError(path, [`not valid JSON (${(err as Error).message})`]);
  }
  return parseJson(path, raw, schema);
}

/** Validates an already parsed JSON value as the file at `path` would be; errors name the file and fields. */
export function parseJson<S extends z.ZodType>(path: string, raw: unknown, schema: S): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new FeedConfigError(path, describeIssues(parsed.error));
  return parsed.data;
}

function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : '(file)';
    return `${field}: ${issue.message}`;
  });
}
