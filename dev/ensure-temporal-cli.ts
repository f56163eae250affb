import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { delimiter, isAbsolute, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/** v1.6.0+ add a `replace` directive that `go install pkg@version` refuses: 1.5.1 is the newest we can build. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;
/** the CLI's go.mod says `go 1.25.0` */
const MIN_GO: readonly [number, number] = [1, 25];

export interface EnsureTemporalCliOptions {
  /** where the built binary is cached, e.g. `<repo>/.tools` (git-ignored) */
  toolsDir: string;
  log: (line: string) => void;
  /** environment of the caller: `TEMPORAL_CLI` (a prebuilt binary) and what `go` needs (PATH, GOPATH, GOPROXY…) */
  env: NodeJS.ProcessEnv;
}

/**
 * Absolute path of a `temporal` CLI: `$TEMPORAL_CLI` if set, else `<toolsDir>/temporal`, else one
 * built with `go install` into toolsDir (minutes, first time only).
 */
export async function ensureTemporalCli(opts: EnsureTemporalCliOptions): Promise<string> {
  const explicit = opts.env.TEMPORAL_CLI;
  if (explicit) return resolveExplicit(explicit, opts.env.PATH ?? '');
  const toolsDir = resolve(opts.toolsDir);
  const cached = join(toolsDir, 'temporal');
  if (existsSync(cached)) return cached;

  await requireGo(opts.env);
  const shown = relative(process.cwd(), toolsDir);
  const where = shown && !shown.startsWith('..') ? shown : toolsDir;
  opts.log(`Building the Temporal CLI ${TEMPORAL_CLI_VERSION} with Go into ${where}/ (first time only, takes a few minutes)…`);
  await mkdir(toolsDir, { recursive: true });
  // Build into a private folder and publish by rename: an interrupted build never leaves a half binary.
  const staging = await mkdtemp(join(toolsDir, '.build-'));
  try {
    await goInstall(staging, opts);
    await rename(join(staging, 'temporal'), cached);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  opts.log(`Temporal CLI ready: ${cached}`);
  return cached;
}

function resolveExplicit(value: string, path: string): string {
  if (value.includes('/')) {
    const abs = resolve(value);
    if (!existsSync(abs)) throw new Error(`TEMPORAL_CLI points to ${abs}, which does not exist`);
    return abs;
  }
  // a bare command name: find it the way a shell would, so callers still get an absolute path
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, value);
    if (isAbsolute(candidate) && existsSync(candidate)) return candidate;
  }
  throw new Error(`TEMPORAL_CLI=${value} was not found on PATH`);
}

/** Fails with what to install when `go` is missing or too old to build the CLI. */
async function requireGo(env: NodeJS.ProcessEnv): Promise<void> {
  const want = `Go ${MIN_GO.join('.')} or newer`;
  const hint = `Install ${want} (https://go.dev/dl/) and make sure \`go\` is on PATH, or set TEMPORAL_CLI to a temporal CLI ${TEMPORAL_CLI_VERSION} binary.`;
  let version: string;
  try {
    version = await new Promise<string>((ok, fail) =>
      execFile('go', ['env', 'GOVERSION'], { env, timeout: 60_000 }, (err, stdout) => (err ? fail(err) : ok(stdout.trim()))),
    );
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(`The Temporal CLI is not built yet and ${missing ? 'Go was not found' : `\`go env\` failed (${(err as Error).message})`}. ${hint}`);
  }
  const match = /^go(\d+)\.(\d+)/.exec(version);
  if (!match) return; // devel builds: let `go install` decide
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major < MIN_GO[0] || (major === MIN_GO[0] && minor < MIN_GO[1])) {
    throw new Error(`The Temporal CLI ${TEMPORAL_CLI_VERSION} needs ${want}, but \`go\` is ${version}. ${hint}`);
  }
}

function goInstall(gobin: string, opts: EnsureTemporalCliOptions): Promise<void> {
  // Pure-Go SQLite: no C compiler needed.
  const env = { ...opts.env, GOBIN: gobin, CGO_ENABLED: '0' };
  const child = spawn('go', ['install', PACKAGE], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail: string[] = [];
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      opts.log(`  ${line}`);
      tail.push(line);
      if (tail.length > 20) tail.shift();
    });
  }
  return new Promise((ok, fail) => {
    child.once('error', fail);
    // 'close' (not 'exit') so the last lines of output are in the tail
    child.once('close', (code) =>
      code === 0
        ? ok()
        : fail(new Error(`\`go install ${PACKAGE}\` failed (exit ${code}); is the Go module proxy reachable?\n${tail.join('\n')}`)),
    );
  });
}
