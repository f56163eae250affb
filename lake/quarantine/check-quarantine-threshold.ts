import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse, stringify } from 'lossless-json';
import { quarantineThreshold, thresholdBreach } from '../../config/quarantine-threshold.js';
import type { Feed } from '../../config/feed-schema.js';
import { LakeQuarantineThresholdError } from '../common/errors.js';

/**
 * Bad rows named in the error, and how much of each: the first values (a stream's ROWTIME and the
 * leading columns, usually its keys) identify a row; the rest of it (card numbers, addresses) stays
 * in the source, and the message goes to workflow history and the run log.
 */
const SAMPLE_ROWS = 3;
const SAMPLE_VALUES = 3;
const SAMPLE_VALUE_CHARS = 40;
/** Distinct reasons named; the rest are counted together (a reason may quote the value it refused). */
const MAX_REASONS = 5;

export interface StagedCounts {
  /** every row the source sent for the run */
  seen: number;
  quarantined: number;
  /** NDJSON of the rows set aside, `{reason, raw, …}` per line */
  quarantineFile: string;
}

/**
 * Throws LakeQuarantineThresholdError when a run set aside more rows than its feed allows. Called
 * once the staged counts are final and before anything is published, so a failed run leaves the
 * lake as it was: no slot file, no version, no metadata change, no quarantine object replaced.
 */
export async function checkQuarantineThreshold(feed: Feed, what: string, counts: StagedCounts): Promise<void> {
  const threshold = quarantineThreshold(feed);
  const breach = thresholdBreach(threshold, counts.seen, counts.quarantined);
  if (breach === null) return;
  const { reasons, samples } = await summarize(counts.quarantineFile);
  throw new LakeQuarantineThresholdError([
    `feed ${feed.id} ${what}: ${counts.quarantined} of ${counts.seen} rows failed their checks, ${breach}; nothing was published.`,
    `Reasons: ${reasons.join('; ')}.`,
    `First bad rows: ${samples.join(' | ')}.`,
    'Fix the source or the feed (or raise its "quarantine" threshold), then run it again.',
  ].join(' '));
}

/** The reasons with their counts, most frequent first, and the first few raw rows, cut short. */
async function summarize(file: string): Promise<{ reasons: string[]; samples: string[] }> {
  const counts = new Map<string, number>();
  let other = 0;
  const samples: string[] = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line === '') continue;
    const { reason, raw } = JSON.parse(line) as { reason: string; raw: string };
    if (counts.has(reason) || counts.size < MAX_REASONS) counts.set(reason, (counts.get(reason) ?? 0) + 1);
    else other++;
    if (samples.length < SAMPLE_ROWS) samples.push(sampleOf(raw));
  }
  const reasons = [...counts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${n} × ${reason}`);
  if (other > 0) reasons.push(`${other} × other reasons`);
  return { reasons, samples };
}

/** `[1788401186975, "tx-78", "user-141", … 7 more]`; a line that is no JSON array is only measured. */
function sampleOf(raw: string): string {
  let values: unknown;
  try {
    values = parse(raw);
  } catch {
    values = null;
  }
  if (!Array.isArray(values)) return `(not a JSON array, ${raw.length} characters)`;
  const shown = values.slice(0, SAMPLE_VALUES).map((v) => {
    const text = stringify(v) ?? 'null';
    return text.length > SAMPLE_VALUE_CHARS ? `${text.slice(0, SAMPLE_VALUE_CHARS)}…` : text;
  });
  const more = values.length - shown.length;
  return `[${shown.join(', ')}${more > 0 ? `, … ${more} more` : ''}]`;
}
