import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export type DurationUnit = keyof typeof UNIT_MS;

/** One way of writing durations: a whole number (0 only when `zero` allows it) and one of `units`. */
export interface DurationSyntax {
  pattern: RegExp;
  /** the milliseconds of a text in this syntax, or null for any other text */
  ms(text: string): number | null;
}

/** The one duration parser; each caller picks its units (feeds: `15m`, `1h`, `1d`; waits: `30s`, `2h`; …). */
export function durationSyntax(units: readonly DurationUnit[], opts: { zero?: boolean } = {}): DurationSyntax {
  const pattern = new RegExp(`^(${opts.zero ? '\\d+' : '[1-9]\\d*'})(${units.join('|')})$`);
  return {
    pattern,
    ms: (text) => {
      const match = pattern.exec(text);
      return match ? Number(match[1]) * UNIT_MS[match[2] as DurationUnit] : null;
    },
  };
}

/** A zod schema of a duration in `syntax`, read as milliseconds; other text is refused with `message`. */
export function durationMsSchema(syntax: DurationSyntax, message: string) {
  return z.string().regex(syntax.pattern, message).transform((text) => syntax.ms(text)!);
}

/** Durations written in feed files: `15m`, `1h`, `1d`. Kept tiny on purpose: slots are whole minutes. */
const FEED_DURATION = durationSyntax(['m', 'h', 'd']);
export const DURATION_PATTERN = FEED_DURATION.pattern;

export function durationMs(text: string): number {
  const ms = FEED_DURATION.ms(text);
  if (ms === null) throw new Error(`"${text}" is not a duration like 15m, 1h or 1d`);
  return ms;
}
