import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/services.js';

/**
 * The repository must make sense on a fresh clone: nothing tracked may point to a place that only
 * exists on the author's machine or next to the checkout. The rule, for every tracked text file:
 *
 * - no relative path (`../…`) that climbs out of the repository, counted from the file's folder
 *   (or, on a line that chooses its path for the compiled copy under `dist/`, from that copy's folder);
 * - no absolute path into a home directory (Linux and macOS user homes, root's home), into the
 *   shared work tree this project was first written in, or to a named file under the temp dir
 *   (code asks `os.tmpdir()` instead).
 *
 * Allowed, because they exist wherever the repository is used: paths inside the images the repo
 * builds or runs (`/app/…`, `/var/lib/…`, `/usr/local/bin/…`, `/docker-entrypoint-initdb.d/…`),
 * system paths such as `/dev/null`, and URLs (a path preceded by a host name is not matched).
 *
 * This file spells the forbidden patterns out, so it is the one file not scanned.
 */
const FORBIDDEN: ReadonlyArray<{ pattern: RegExp; why: string }> = [
  { pattern: /(?<![\w.\-/])\/home\/[A-Za-z_][\w.-]*/g, why: 'a user home directory' },
  { pattern: /(?<![\w.\-/])\/Users\/[A-Za-z_][\w.-]*/g, why: 'a macOS user home directory' },
  { pattern: /(?<![\w.\-/])\/root\//g, why: "root's home directory" },
  { pattern: /(?<![\w.\-/])\/work\//g, why: 'the work tree outside the repository' },
  { pattern: /(?<![\w.\-/])\/tmp\/[\w.-]+/g, why: 'a named file under the temp dir' },
];
const RELATIVE_PATH = /(?<![\w.])(?:\.\.\/)+[\w.-]*/g;
const SELF = relative(REPO_ROOT, new URL(import.meta.url).pathname);

/** Every place a text file names a path outside the repository, as `file:line: found (why)`. */
export function outsidePaths(file: string, text: string): string[] {
  const problems: string[] = [];
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  for (const { pattern, why } of FORBIDDEN) {
    for (const m of text.matchAll(pattern)) problems.push(`${file}:${lineOf(m.index)}: ${m[0]} (${why})`);
  }
  const folder = dirname(resolve(REPO_ROOT, file));
  const compiledFolder = dirname(resolve(REPO_ROOT, 'dist', file));
  const inside = (from: string, path: string) => {
    const target = relative(REPO_ROOT, resolve(from, path));
    return target !== '..' && !target.startsWith(`..${sep}`);
  };
  for (const m of text.matchAll(RELATIVE_PATH)) {
    const end = text.indexOf('\n', m.index);
    const line = text.slice(text.lastIndexOf('\n', m.index) + 1, end === -1 ? undefined : end);
    const ok = inside(folder, m[0]) || (line.includes('/dist/') && inside(compiledFolder, m[0]));
    if (!ok) {
      problems.push(`${file}:${lineOf(m.index)}: ${m[0]} (climbs out of the repository)`);
    }
  }
  return problems;
}

function trackedTextFiles(): Array<{ file: string; text: string }> {
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  return files
    .filter((file) => file !== SELF)
    .flatMap((file) => {
      let bytes: Buffer;
      try {
        bytes = readFileSync(resolve(REPO_ROOT, file));
      } catch {
        return []; // deleted in the working tree, not yet in the index
      }
      return bytes.includes(0) ? [] : [{ file, text: bytes.toString('utf8') }];
    });
}

describe('the repository stands on its own', () => {
  it('no tracked text file names a path outside the repository', () => {
    const files = trackedTextFiles();
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(({ file, text }) => outsidePaths(file, text))).toEqual([]);
  });

  it('the rule catches what it is meant to, and lets generic paths through', () => {
    const home = ['', 'home', 'alice', 'notes.md'].join('/');
    const work = ['', 'work', 'shared', 'x.md'].join('/');
    const temp = ['', 'tmp', 'run.log'].join('/');
    const sibling = ['..', 'shared', 'x.md'].join('/');
    const bad = `see ${home}, ${work} and ${temp}; also [x](${sibling})`;
    expect(outsidePaths('README.md', bad)).toHaveLength(4);
    expect(outsidePaths('a/b/c.ts', `import '../../config/env.js'`)).toEqual([]);
    expect(outsidePaths('a/c.ts', `import '../../../lib.js'`)).toHaveLength(1);
    expect(outsidePaths('a/b/c.ts', `url.includes('/dist/') ? '../../../ksql/' : '../../ksql/'`)).toEqual([]);
    const generic = 'volume at /app/data/lake, marker /var/lib/ksql-etl/seed, > /dev/null, https://example.com/home/x';
    expect(outsidePaths('docker-compose.yml', generic)).toEqual([]);
  });
});
