import type { SchemaChange } from '../../config/feed-schema.js';
import type { ColumnRecord } from './feed-metadata.js';

export interface SchemaDrift {
  /** `name TYPE` of each column the source has gained */
  added: string[];
  /** `name TYPE` of each column the source no longer has */
  removed: string[];
  /** `name OLD → NEW` of each column whose ksqlDB type changed */
  retyped: string[];
}

/** Compares the columns recorded at the last export with the ones ksqlDB sends now. */
export function schemaDrift(recorded: readonly ColumnRecord[], current: readonly ColumnRecord[]): SchemaDrift | null {
  const before = new Map(recorded.map((c) => [c.name, c.type]));
  const after = new Map(current.map((c) => [c.name, c.type]));
  const added = current.filter((c) => !before.has(c.name)).map((c) => `${c.name} ${c.type}`);
  const removed = recorded.filter((c) => !after.has(c.name)).map((c) => `${c.name} ${c.type}`);
  const retyped = current
    .filter((c) => before.has(c.name) && before.get(c.name) !== c.type)
    .map((c) => `${c.name} ${before.get(c.name)} → ${c.type}`);
  return added.length + removed.length + retyped.length === 0 ? null : { added, removed, retyped };
}

/**
 * Whether `policy` lets a feed's files carry on under the new columns. `evolve` takes added
 * columns only: ksqlDB columns are nullable, so the older files read as NULL for them; a removed
 * or retyped column would change what the older files mean, and is refused under either policy.
 */
export function driftAllowed(drift: SchemaDrift, policy: SchemaChange): boolean {
  return policy === 'evolve' && drift.removed.length === 0 && drift.retyped.length === 0;
}

export function describeDrift(drift: SchemaDrift): string {
  const parts = [
    drift.added.length > 0 ? `added ${drift.added.join(', ')}` : '',
    drift.removed.length > 0 ? `removed ${drift.removed.join(', ')}` : '',
    drift.retyped.length > 0 ? `retyped ${drift.retyped.join(', ')}` : '',
  ];
  return parts.filter(Boolean).join('; ');
}
