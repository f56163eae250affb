import type { Command } from 'commander';
import type { z } from 'zod';
import { UsageError } from './usage-error.js';

/**
 * Validates a command's arguments and options with `schema`; a problem becomes a UsageError (exit 2)
 * that names the flag as typed (`--wait-seconds`, not `waitSeconds`) or the `<argument>`, and the value.
 */
export function parseOptions<S extends z.ZodType>(command: Command, schema: S, input: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new UsageError(parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '');
    const option = command.options.find((o) => o.attributeName() === key);
    const name = option ? (option.long ?? option.flags) : `<${key}>`;
    const value = input[key];
    return `${name}${value === undefined ? '' : ` ${JSON.stringify(value)}`}: ${issue.message}`;
  }).join('\n'));
}
