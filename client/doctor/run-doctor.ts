import type { Env } from '../../config/env.js';
import { Lake } from '../../lake/index.js';
import { failed, messageOf, type CheckResult } from './check-result.js';
import { checkFeeds } from './feeds-checks.js';
import { checkKsqlDb } from './ksqldb-checks.js';
import { checkLake } from './lake-checks.js';
import { checkMysql } from './mysql-checks.js';
import { checkTemporal } from './temporal-checks.js';

export interface DoctorOptions {
  env: Env;
  /** the MySQL schema scripts the warehouse must match */
  sqlDir: string;
  /** budget of each network step: a hanging service costs this much, not the client's default */
  stepMs?: number;
  /** schedule ids are `<prefix><feed>` (default `feed:`); tests use their own */
  schedulePrefix?: string;
}

/**
 * Runs every check, the families side by side, and returns one result per line. Changes nothing:
 * the lake is opened without its staging sweep, and the writability probe is removed at once.
 */
export async function runDoctor(options: DoctorOptions): Promise<CheckResult[]> {
  const { env, sqlDir } = options;
  const stepMs = options.stepMs ?? 3000;
  const registry = await checkFeeds(env.FEEDS_DIR);
  let lake: Lake | null = null;
  let lakeResults: CheckResult[] = [];
  try {
    lake = await Lake.fromEnv(env, { inspectOnly: true });
  } catch (err) {
    lakeResults = [failed('lake: open', messageOf(err), 'check LAKE_DIR')];
  }
  try {
    const families = await Promise.all([
      checkKsqlDb(env, registry.feeds, lake, stepMs),
      checkTemporal(env, registry.feeds, stepMs, options.schedulePrefix),
      checkMysql(env, sqlDir, stepMs),
      lake ? checkLake(lake, registry.feeds, stepMs) : Promise.resolve(lakeResults),
    ]);
    return redact([...registry.results, ...families.flat()], secretsOf(env));
  } finally {
    lake?.close();
  }
}

/** The passwords the environment holds: masked wherever a driver's message might echo one. */
function secretsOf(env: Env): string[] {
  const fromUrl = (url: string) => {
    try {
      return decodeURIComponent(new URL(url).password);
    } catch {
      return '';
    }
  };
  return [env.KSQLDB_PASSWORD ?? '', fromUrl(env.KSQLDB_URL), fromUrl(env.MYSQL_URL), env.AWS_SECRET_ACCESS_KEY ?? '', env.AWS_SESSION_TOKEN ?? ''].filter((s) => s.length >= 3);
}

function redact(results: CheckResult[], secrets: string[]): CheckResult[] {
  const clean = (text: string) => secrets.reduce((t, s) => t.split(s).join('***'), text);
  return results.map((r) => ({ ...r, detail: clean(r.detail), hint: clean(r.hint) }));
}

/** One line per check, then its hint indented below when there is something to do. */
export function formatResults(results: readonly CheckResult[]): string[] {
  const width = Math.max(...results.map((r) => r.check.length));
  const mark = { ok: 'ok     ', warning: 'warning', failed: 'FAILED ' } as const;
  return results.flatMap((r) => [
    `${mark[r.status]}  ${r.check.padEnd(width)}  ${r.detail}`,
    ...(r.status !== 'ok' && r.hint ? [`${' '.repeat(9)}→ ${r.hint}`] : []),
  ]);
}

/** Thrown after the report is printed when a check failed, so the CLI exits 1. */
export class DoctorFailedError extends Error {
  override name = 'DoctorFailedError';
  constructor(readonly failedChecks: string[]) {
    super(`doctor: ${failedChecks.length} check(s) failed: ${failedChecks.join(', ')}`);
  }
}
