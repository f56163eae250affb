import type { RetentionResult } from './prune-expired.js';

const REASONS = { newest: 'newest', current: 'current', warehouse: 'held by the warehouse' } as const;

/** What retention deleted (or, dry, would delete) and kept, and why: lines for people and logs. */
export function describeRetention(result: RetentionResult): string[] {
  const verb = result.dryRun ? 'would delete' : 'deleted';
  if (result.kind === 'none') return [`${result.feed}: nothing exported yet, nothing to do`];
  if (result.kind === 'stream') {
    return [
      `${result.feed}: keep ${result.retentionDays} days, partitions dated before ${result.cutoffDate} go`,
      ...result.deleted.map((p) => `  ${verb} date=${p.date}: ${p.slots.length} slot(s), ${p.files} file(s), ${p.rows} rows, ${p.bytes} bytes`),
      `  kept ${result.keptPartitions} partition(s)${result.oldestKept ? `, oldest ${result.oldestKept}` : ''}; ${verb} ${result.runRecordsDeleted} run record(s) and ${result.quarantineObjectsDeleted} quarantine object(s)`,
    ];
  }
  return [
    `${result.feed}: keep ${result.keepVersions} newest version(s), the current one (${result.current ?? 'none'}) and the warehouse's (${result.protectedVersions.join(', ') || 'none'})`,
    ...result.deleted.map((v) => `  ${verb} version=${v.version}: ${v.rows} rows, ${v.bytes} bytes, published ${v.publishedAt}`),
    `  kept ${result.kept.map((k) => `version=${k.version} (${k.reasons.map((r) => REASONS[r]).join(', ')})`).join(', ') || 'nothing'}`,
    `  ${verb} ${result.runRecordsDeleted} run record(s) of deleted versions`,
  ];
}
