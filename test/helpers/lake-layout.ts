import { join } from 'node:path';

/**
 * Where the lake keeps a feed's files, spelled out here rather than taken from lake/, so tests that
 * open files check the layout instead of re-deriving it. Production code asks the lake instead.
 */
export function streamDirOf(lakeRoot: string, feedId: string): string {
  return join(lakeRoot, 'streams', feedId);
}

export function tableDirOf(lakeRoot: string, feedId: string): string {
  return join(lakeRoot, 'tables', feedId);
}
