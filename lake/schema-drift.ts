import type { ColumnRecord } from './feed-metadata.js';

export interface SchemaDrift {
  added: string[];
  removed: string[];
  changed: string[];
}

/** Compares the columns recorded at the first export with the ones ksqlDB sends now. */
export function schemaDrift(recorded: readonly ColumnRecord[], current: readonly ColumnRecord[]): SchemaDrift | null {
  const before = new Map(recorded.map((c) => [c.name, c.type]));
  const after = new Map(current.map((c) => [c.name, c.type]));
  const added = current.filter((c) => !before.has(c.name)).map((c) => `${c.name} ${c.type}`);
  const removed = recorded.filter((c) => !after.has(c.name)).map((c) => `${c.name} ${c.type}`);
  const changed = current
    .filter((c) => before.has(c.name) && before.get(c.name) !== c.type)
    .map((c) => `${c.name} ${before.get(c.name)} → ${c.type}`);
  return added.length + removed.length + changed.length === 0 ? null : { added, removed, changed };
}

export function describeDrift(drift: SchemaDrift): string {
  const parts = [
    drift.added.length > 0 ? `added ${drift.added.join(', ')}` : '',
    drift.removed.length > 0 ? `removed ${drift.removed.join(', ')}` : '',
    drift.changed.length > 0 ? `changed ${drift.changed.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}
