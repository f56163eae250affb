import { type KsqlErrorContext, KsqlTimeoutError } from './errors.js';

/** How a transport settles its wait for a response head (see `responseWait`). */
export interface ResponseWait<T> {
  /** resolves with `build()`, unless the wait is settled already (then `build` is not called) */
  succeed(build: () => T): void;
  /** cancels the request and rejects with `error`, unless the wait is settled already */
  fail(error: unknown): void;
  /** (re)arms the one timer: after `ms` without settling, fails with a `KsqlTimeoutError` saying `detail` */
  timeoutAfter(ms: number, detail: string): void;
}

/**
 * The wait for a response head that both transports share: it settles once (whatever comes
 * after is ignored), an abort of `signal` fails it with the signal's reason, and settling clears
 * the timer and the abort listener. `cancel` stops the request on the way to a failure.
 */
export function responseWait<T>(
  context: KsqlErrorContext,
  signal: AbortSignal | undefined,
  promise: { resolve: (value: T) => void; reject: (error: unknown) => void },
  cancel: () => void,
): ResponseWait<T> {
  let settled = false;
  let timer: NodeJS.Timeout | undefined;
  const settle = (action: () => void): void => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
    action();
  };
  const fail = (error: unknown): void =>
    settle(() => {
      cancel();
      promise.reject(error);
    });
  const onAbort = (): void => fail(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    succeed: (build) => settle(() => promise.resolve(build())),
    fail,
    timeoutAfter: (ms, detail) => {
      if (settled) return;
      clearTimeout(timer);
      timer = setTimeout(() => fail(new KsqlTimeoutError(context, detail)), ms);
    },
  };
}
