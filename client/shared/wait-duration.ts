import { z } from 'zod';

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000 } as const;

/** How long a command waits, typed as `30s`, `10m` or `2h` → milliseconds. */
export const waitDuration = z
  .string()
  .regex(/^[1-9]\d*(s|m|h)$/, 'expected a duration like 30s, 10m or 2h')
  .transform((text) => Number(text.slice(0, -1)) * UNIT_MS[text.slice(-1) as keyof typeof UNIT_MS]);
