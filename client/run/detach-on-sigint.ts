/**
 * Runs `fn` with a signal that Ctrl-C aborts: commands that follow a workflow stop watching and
 * leave it to Temporal (exit 0), instead of dying or cancelling it.
 */
export async function detachOnSigint<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const detach = new AbortController();
  const onSigint = () => detach.abort();
  process.once('SIGINT', onSigint);
  try {
    return await fn(detach.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
