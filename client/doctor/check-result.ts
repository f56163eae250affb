/** One line of `ksql-etl doctor`: what was checked, how it went, and what to do about it. */
export interface CheckResult {
  /** `<family>: <what>`, e.g. `temporal: namespace` */
  check: string;
  status: 'ok' | 'warning' | 'failed';
  detail: string;
  /** what a person should do; empty when there is nothing to do */
  hint: string;
}

export const ok = (check: string, detail: string, hint = ''): CheckResult => ({ check, status: 'ok', detail, hint });
export const warning = (check: string, detail: string, hint: string): CheckResult => ({ check, status: 'warning', detail, hint });
export const failed = (check: string, detail: string, hint: string): CheckResult => ({ check, status: 'failed', detail, hint });

/** Thrown when a step took longer than its budget; the service is there but does not answer. */
export class CheckTimeoutError extends Error {
  override name = 'CheckTimeoutError';
}

/**
 * `work`, or a CheckTimeoutError after `ms`: a hanging service must not hang the doctor. The work
 * itself is not cancelled; each family closes its client, which ends it.
 */
export async function withinMs<T>(ms: number, what: string, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CheckTimeoutError(`${what}: no answer within ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An error's own message, without the stack. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
