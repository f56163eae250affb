import { generateBlacklist, generateTransactions, type DatasetOptions } from '../generator/index.js';
import { EARLIEST, type KsqlExecutor } from './ksql-executor.js';
import { blacklistInsert, transactionInsert } from './seed-statements.js';

export class KsqlSeedError extends Error {
  override name = 'KsqlSeedError';
}

export interface SeedOutcome {
  blacklist: number;
  transactions: number;
  /** POST /ksql requests sent */
  requests: number;
}

/**
 * Produces the generated dataset into ksqlDB through INSERT … VALUES: the blacklist first, so
 * TRANSACTION_STREAM_BLACKLISTED can match the first transactions, then the transactions in time
 * order, `batchSize` statements per request. Not idempotent: a stream appends, so running it
 * twice doubles every transaction (the blacklist, a table, is only overwritten).
 */
export async function seedTransactions(
  ksql: KsqlExecutor,
  dataset: DatasetOptions,
  opts: { batchSize: number; out: (line: string) => void },
): Promise<SeedOutcome> {
  const blacklist = generateBlacklist(dataset.seed, dataset.start).map(blacklistInsert);
  const transactions = generateTransactions(dataset).map(transactionInsert);
  let requests = 0;
  const send = async (what: string, statements: readonly string[]) => {
    for (let from = 0; from < statements.length; from += opts.batchSize) {
      const batch = statements.slice(from, from + opts.batchSize);
      try {
        await ksql.executeStatement(batch.join('\n'), EARLIEST);
      } catch (err) {
        throw new KsqlSeedError(
          `${what} ${from + 1}–${from + batch.length} of ${statements.length} were refused: ${(err as Error).message}` +
          (from > 0 ? ` (the first ${from} are in ksqlDB: seeding again would add them twice)` : ''),
          { cause: err },
        );
      }
      requests++;
      reportProgress(what, from, from + batch.length, statements.length, opts.out);
    }
  };
  await send('blacklist rows', blacklist);
  await send('transactions', transactions);
  return { blacklist: blacklist.length, transactions: transactions.length, requests };
}

/** One line per tenth of the way (and the last), whatever the batch size: readable in `docker compose logs`. */
function reportProgress(what: string, before: number, after: number, total: number, out: (line: string) => void): void {
  const tenth = (n: number) => Math.floor((n * 10) / total);
  if (after === total || tenth(after) > tenth(before)) {
    out(`${what}: ${after}/${total} (${Math.floor((after * 100) / total)}%)`);
  }
}
