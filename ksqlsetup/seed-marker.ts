import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DatasetOptions } from '../generator/index.js';
import type { SeedOutcome } from './seed-transactions.js';

/**
 * A file that records a completed seed. Seeding appends to a stream, and `docker compose up`
 * starts a finished one-shot container again, so the compose stack keeps this file on a volume
 * and a second `up` skips instead of doubling every transaction.
 */
export interface SeedMarker {
  dataset: DatasetOptions;
  outcome: SeedOutcome;
  seededAt: string;
}

/** Runs `seed` unless `file` records an earlier seed; writes the file after a complete one. */
export async function seedOnce(
  file: string | undefined,
  dataset: DatasetOptions,
  out: (line: string) => void,
  seed: () => Promise<SeedOutcome>,
): Promise<SeedOutcome | undefined> {
  if (file) {
    const previous = await readMarker(file);
    if (previous) {
      out(`already seeded at ${previous.seededAt} with ${JSON.stringify(previous.dataset)} (${file}); ` +
        'skipping. Delete that file (or the volume holding it) to seed again.');
      return undefined;
    }
  }
  const outcome = await seed();
  if (file) {
    await mkdir(dirname(file), { recursive: true });
    const marker: SeedMarker = { dataset, outcome, seededAt: new Date().toISOString() };
    await writeFile(file, `${JSON.stringify(marker, null, 2)}\n`);
  }
  return outcome;
}

async function readMarker(file: string): Promise<SeedMarker | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as SeedMarker;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`seed marker ${file} exists but cannot be read: ${(err as Error).message}`, { cause: err });
  }
}
