import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { delimiter, isAbsolute, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';

/**
 * What the tools built from Go source (the Temporal CLI, SeaweedFS) share: honouring an explicit
 * binary from the environment, checking the Go toolchain, and running `go` with its output logged.
 */

export interface GoToolSpec {
  /** for messages, e.g. `the Temporal CLI v1.5.1` */
  title: string;
  /** file name in toolsDir */
  binaryName: string;
  /** environment variable naming a prebuilt binary, e.g. `TEMPORAL_CLI` */
  override: string;
  minGo: readonly [number, number];
  /** builds the binary inside `workDir` (a private folder) and returns its path there */
  build: (workDir: string, env: NodeJS.ProcessEnv, log: (line: string) => void) => Promise<string>;
}

export interface EnsureGoToolOptions {
  /** where built binaries are cached, e.g. `<repo>/.tools` (git-ignored) */
  toolsDir: string;
  log: (line: string) => void;
  /** environment of the caller: the override variable and what `go` needs (PATH, GOPATH, GOPROXY…) */
  env: NodeJS.ProcessEnv;
}

/**
 * Absolute path of a tool: `$<override>` if set, else `<toolsDir>/<binaryName>`, else one built
 * with Go into toolsDir (minutes, first time only).
 */
export async function ensureGoTool(spec: GoToolSpec, opts: EnsureGoToolOptions): Promise<string> {
  const explicit = opts.env[spec.override];
  if (explicit) return resolveExplicitBinary(spec.override, explicit, opts.env.PATH ?? '');
  const toolsDir = resolve(opts.toolsDir);
  const cached = join(toolsDir, spec.binaryName);
  if (existsSync(cached)) return cached;

  await requireGo(opts.env, spec.minGo, spec.title, `set ${spec.override} to a prebuilt binary`);
  const shown = relative(process.cwd(), toolsDir);
  const where = shown && !shown.startsWith('..') ? shown : toolsDir;
  opts.log(`Building ${spec.title} with Go into ${where}/ (first time only, takes a few minutes)…`);
  await mkdir(toolsDir, { recursive: true });
  // Build into a private folder and publish by rename: an interrupted build never leaves a half binary.
  const staging = await mkdtemp(join(toolsDir, '.build-'));
  try {
    await rename(await spec.build(staging, opts.env, opts.log), cached);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  opts.log(`${spec.title} ready: ${cached}`);
  return cached;
}

/** `value` of an override variable (`TEMPORAL_CLI`, `SEAWEEDFS_BIN`) as an absolute path that exists. */
function resolveExplicitBinary(variable: string, value: string, path: string): string {
  if (value.includes('/')) {
    const abs = resolve(value);
    if (!existsSync(abs)) throw new Error(`${variable} points to ${abs}, which does not exist`);
    return abs;
  }
  // a bare command name: find it the way a shell would, so callers still get an absolute path
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, value);
    if (isAbsolute(candidate) && existsSync(candidate)) return candidate;
  }
  throw new Error(`${variable}=${value} was not found on PATH`);
}

/** Fails with what to install when `go` is missing or older than `min`; `override` says how to do without Go. */
async function requireGo(env: NodeJS.ProcessEnv, min: readonly [number, number], tool: string, override: string): Promise<void> {
  const want = `Go ${min.join('.')} or newer`;
  const hint = `Install ${want} (https://go.dev/dl/) and make sure \`go\` is on PATH, or ${override}.`;
  let version: string;
  try {
    version = (await goOutput(['env', 'GOVERSION'], { env })).trim();
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new Error(`${capitalized(tool)} is not built yet and ${missing ? 'Go was not found' : `\`go env\` failed (${(err as Error).message})`}. ${hint}`);
  }
  const match = /^go(\d+)\.(\d+)/.exec(version);
  if (!match) return; // devel builds: let `go` decide
  const [major, minor] = [Number(match[1]), Number(match[2])];
  if (major < min[0] || (major === min[0] && minor < min[1])) {
    throw new Error(`${capitalized(tool)} needs ${want}, but \`go\` is ${version}. ${hint}`);
  }
}

/** Runs `go <args>` and returns its stdout (for short commands such as `go env` or `go mod download -json`). */
export function goOutput(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number }): Promise<string> {
  return new Promise<string>((ok, fail) =>
    execFile('go', args, { env: opts.env, cwd: opts.cwd, timeout: opts.timeoutMs ?? 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) =>
      err ? fail(Object.assign(err, { message: `${err.message}\n${stderr.trim()}` })) : ok(stdout),
    ),
  );
}

/**
 * Runs a long `go` command (install, build), logging each output line; fails with the last lines
 * of output and `hint` when it exits non-zero.
 */
export function runGo(args: string[], opts: { env: NodeJS.ProcessEnv; cwd?: string; log: (line: string) => void; hint: string }): Promise<void> {
  const child = spawn('go', args, { env: opts.env, cwd: opts.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
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
      code === 0 ? ok() : fail(new Error(`\`go ${args.join(' ')}\` failed (exit ${code}); ${opts.hint}\n${tail.join('\n')}`)),
    );
  });
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
