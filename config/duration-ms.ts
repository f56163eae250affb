/** Durations written in feed files: `15m`, `1h`, `1d`. Kept tiny on purpose: slots are whole minutes. */
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const DURATION_PATTERN = /^([1-9]\d*)(m|h|d)$/;

export function durationMs(text: string): number {
  const match = DURATION_PATTERN.exec(text);
  if (!match) throw new Error(`"${text}" is not a duration like 15m, 1h or 1d`);
  return Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
}
