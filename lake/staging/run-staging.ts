import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A private staging directory for one attempt of one run, named `<feed>--<runId>--<attempt uuid>`.
 * Earlier attempts of the same run that a killed or cancelled worker left behind are removed first:
 * that run is the only one that could still want them, and it is here again. Staging of other runs
 * is left alone (it may be live on another worker); `Lake.open` sweeps only what is a day old.
 */
/** `dir` is the process's staging root (LakeStorage.stagingRoot), on its own disk. */
export async function openRunStaging(dir: string, feedId: string, runId: string): Promise<string> {
  const prefix = `${feedId}--${runId}--`;
  const leftovers = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
  await Promise.all(leftovers.filter((name) => name.startsWith(prefix)).map((name) => rm(join(dir, name), { recursive: true, force: true })));
  const staging = join(dir, `${prefix}${randomUUID()}`);
  await mkdir(staging, { recursive: true });
  return staging;
}
