import { genericError, type GenericError } from '../wire/error-bodies.js';

/**
 * Parses a request body the way ksqlDB's Jackson binding rejects it: 400 / 40000 with an
 * `Invalid JSON in request: …` message naming what was wrong.
 */
export type ParsedBody = { ok: true; value: Record<string, unknown> } | { ok: false; error: GenericError };

export function parseBody(body: Buffer, entity: string, required: string): ParsedBody {
  const text = body.toString('utf8');
  const source = `[Source: (byte[])"${text}"; line: 1, column: ${text.length + 1}]`;
  const fail = (detail: string): ParsedBody => ({ ok: false, error: genericError(40000, `Invalid JSON in request: ${detail}`) });
  if (text.trim() === '') return fail(`No content to map due to end-of-input\n at ${source}`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // V8 reports truncation as "Unexpected end of JSON input" or as an error at the last position.
    const position = /position (\d+)/.exec((e as Error).message);
    const truncated = /end of (JSON )?input|Unterminated/i.test((e as Error).message)
      || (position !== null && Number(position[1]) >= text.trimEnd().length);
    return fail(truncated
      ? `Unexpected end-of-input: expected close marker for Object (start marker at [Source: (byte[])"${text}"; line: 1, column: 1])\n at ${source}`
      : `Unexpected character: ${(e as Error).message}\n at ${source}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = Array.isArray(value) ? 'Array value (token `JsonToken.START_ARRAY`)' : 'a non-Object value';
    return fail(`Cannot construct instance of \`io.confluent.ksql.rest.entity.${entity}\` from ${kind}\n at ${source}`);
  }
  const record = value as Record<string, unknown>;
  if (record[required] === undefined || record[required] === null) {
    return fail(`Missing required creator property '${required}' (index 0)\n at ${source} `
      + `(through reference chain: io.confluent.ksql.rest.entity.${entity}["${required}"])`);
  }
  return { ok: true, value: record };
}

/** The SQL text of a body, for fault matching; null when there is none. */
export function sqlOf(body: Buffer): string | null {
  try {
    const value = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
    const sql = value?.sql ?? value?.ksql;
    return typeof sql === 'string' ? sql : null;
  } catch {
    return null;
  }
}
