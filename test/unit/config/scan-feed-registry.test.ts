import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFeedRegistry } from '../../../config/scan-feed-registry.js';
import { withTempDir } from '../../helpers/services.js';

describe('scanFeedRegistry', () => {
  it('keeps the good feeds and names every bad file', async () => {
    await withTempDir('scan-feeds', async (dir) => {
      await writeFile(join(dir, 'a_table.json'), JSON.stringify({ id: 'a_table', kind: 'table', source: 'A_TABLE' }));
      await writeFile(join(dir, 'b.json'), '{');
      await writeFile(join(dir, 'c.json'), JSON.stringify({ id: 'c', kind: 'nope', source: 'C' }));
      const { feeds, problems } = await scanFeedRegistry(dir);
      expect([...feeds.keys()]).toEqual(['a_table']);
      expect(problems.map((p) => p.file)).toEqual(['b.json', 'c.json']);
      expect(problems[0]!.message).toContain('not valid JSON');
    });
  });
});
