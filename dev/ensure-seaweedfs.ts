import { chmod, cp, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureGoTool, goOutput, runGo, type EnsureGoToolOptions } from './go-build.js';

/**
 * The SeaweedFS commit the tests and `dev` run as an S3-compatible server. Its go.mod carries
 * `replace` directives, which `go install pkg@version` refuses, so it is built as a main module
 * from a copy of the module the proxy serves.
 */
export const SEAWEEDFS_VERSION = 'v0.0.0-20261109003541-7506e5f91cd6';
const MODULE = `github.com/seaweedfs/seaweedfs@${SEAWEEDFS_VERSION}`;

/**
 * Absolute path of a `weed` binary: `$SEAWEEDFS_BIN` if set, else `<toolsDir>/weed`, else one
 * built with Go into toolsDir (about 5 minutes and 230 MB, first time only).
 */
export function ensureSeaweedfs(opts: EnsureGoToolOptions): Promise<string> {
  return ensureGoTool(
    {
      title: `SeaweedFS ${SEAWEEDFS_VERSION}`,
      binaryName: 'weed',
      override: 'SEAWEEDFS_BIN',
      // its go.mod says `go 1.26.6`
      minGo: [1, 26],
      build: async (workDir, env, log) => {
        log(`  go mod download ${MODULE}`);
        const downloaded = JSON.parse(await goOutput(['mod', 'download', '-json', MODULE], { env, timeoutMs: 15 * 60_000 })) as { Dir?: string; Error?: string };
        if (!downloaded.Dir) throw new Error(`go mod download ${MODULE} failed: ${downloaded.Error ?? 'no directory reported'}`);
        const source = join(workDir, 'src');
        await cp(downloaded.Dir, source, { recursive: true });
        await makeWritable(source);
        const binary = join(workDir, 'weed');
        await runGo(['build', '-o', binary, './weed'], {
          env,
          cwd: source,
          log,
          hint: 'is the Go module proxy reachable?',
        });
        return binary;
      },
    },
    opts,
  );
}

/** `chmod -R u+w`: the copy keeps the module cache's read-only modes, and the build writes beside its sources. */
async function makeWritable(path: string): Promise<void> {
  const info = await stat(path);
  await chmod(path, info.mode | 0o200);
  if (info.isDirectory()) for (const name of await readdir(path)) await makeWritable(join(path, name));
}
