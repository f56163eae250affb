import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openRunStaging } from '../../../lake/staging/run-staging.js';
import { withTempDir } from '../../helpers/services.js';

describe('openRunStaging', () => {
  it("removes the staging of earlier attempts of the same run, and nobody else's", () =>
    withTempDir('run-staging', async (root) => {
      const staging = join(root, '_staging');
      await mkdir(join(staging, 'feed_a--run-1--old-attempt', 'out'), { recursive: true });
      await mkdir(join(staging, 'feed_a--run-2--other-run'), { recursive: true });
      await mkdir(join(staging, 'feed_b--run-1--other-feed'), { recursive: true });
      const dir = await openRunStaging(join(root, '_staging'), 'feed_a', 'run-1');
      const left = (await readdir(staging)).sort();
      expect(left).toEqual(['feed_a--run-1--' + dir.split('feed_a--run-1--')[1], 'feed_a--run-2--other-run', 'feed_b--run-1--other-feed'].sort());
      expect(left).not.toContain('feed_a--run-1--old-attempt');
    }));

  it('creates the staging root when there is none yet', () =>
    withTempDir('run-staging', async (root) => {
      const dir = await openRunStaging(join(root, '_staging'), 'feed_a', 'run-1');
      expect(await readdir(dir)).toEqual([]);
    }));
});
