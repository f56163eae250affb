import { DEFAULT_DATASET } from './dataset-options.js';
import { Prng } from './prng.js';
import type { BlacklistEntry } from './transaction-schema.js';

const DAY_MS = 86_400_000;
const REASONS = [
  'chargeback fraud', 'stolen card', 'identity theft', 'account takeover', 'money laundering suspicion',
];

/**
 * A handful of blacklisted users. Four are drawn from the most active users (`user-1` … `user-40`)
 * so they almost surely transact and TRANSACTION_STREAM_BLACKLISTED has rows; `user-666` and
 * `user-999` do not exist in the population, so the inner join must drop them.
 * Entries are dated before `start`: they are in the table before the first transaction arrives.
 */
export function generateBlacklist(seed: number, start: string = DEFAULT_DATASET.start): BlacklistEntry[] {
  const prng = new Prng(seed).fork(4);
  const startMs = Date.parse(start);
  const picked = new Set<number>();
  while (picked.size < 4) picked.add(prng.int(1, 40));
  const users = [...picked].map((n) => `user-${n}`).concat(['user-666', 'user-999']);
  return users.map((user_id, i) => ({
    user_id,
    reason: REASONS[(i + prng.int(0, REASONS.length - 1)) % REASONS.length]!,
    added_at: startMs - (i + 1) * DAY_MS - prng.int(0, DAY_MS - 1),
  }));
}
