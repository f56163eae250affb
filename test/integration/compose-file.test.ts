import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEARCH_ATTRIBUTES } from '../../config/temporal.js';
import { WORKER_MALLOC_ARENA_MAX, WORKER_NODE_OPTION } from '../../worker/process-memory.js';
import { REPO_ROOT } from '../helpers/services.js';

const run = promisify(execFile);

/** The stack, as the README's "Run against a real ksqlDB" lists it: keep the two in step. */
const SERVICES = [
  'kafka', 'ksqldb-server', 'ksqldb-cli', 'ksql-apply', 'ksql-seed', 'mysql', 'postgresql', 'temporal',
  'temporal-setup', 'temporal-ui', 's3', 'worker',
];

const COMPOSE_FILE = join(REPO_ROOT, 'docker-compose.yml');
const README = join(REPO_ROOT, 'README.md');

/**
 * Compose's own parser validates the file (no Docker engine is needed for `config`): the
 * standalone `docker-compose` (Debian package, what CI installs) or the `docker compose` plugin.
 */
async function compose(...args: string[]): Promise<string> {
  const candidates: Array<[string, string[]]> = [['docker-compose', []], ['docker', ['compose']]];
  let missing = '';
  for (const [binary, prefix] of candidates) {
    try {
      const { stdout } = await run(binary, [...prefix, '-f', COMPOSE_FILE, ...args], { cwd: REPO_ROOT });
      return stdout;
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { stderr?: string };
      // Not installed (or `docker` without the compose plugin): try the next one.
      if (e.code === 'ENOENT' || /is not a docker command|unknown command/i.test(e.stderr ?? '')) {
        missing += `${binary} ${prefix.join(' ')}: ${e.code ?? e.stderr?.trim()}\n`;
        continue;
      }
      throw new Error(`compose ${args.join(' ')} failed:\n${e.stderr ?? e.message}`);
    }
  }
  throw new Error(`no compose CLI found (apt-get install -y docker-compose):\n${missing}`);
}

describe('docker-compose.yml', () => {
  let text = '';
  beforeAll(async () => {
    text = await readFile(COMPOSE_FILE, 'utf8');
  });

  it('is valid for compose', async () => {
    await expect(compose('config', '-q')).resolves.toBe('');
  });

  it('defines exactly the services the docs list', async () => {
    const services = (await compose('config', '--services')).split('\n').filter(Boolean);
    expect([...services].sort()).toEqual([...SERVICES].sort());
    const readme = await readFile(README, 'utf8');
    const doc = readme.slice(readme.indexOf('## Run against a real ksqlDB'), readme.indexOf('## How it is built'));
    const documented = [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect([...documented].sort()).toEqual([...SERVICES].sort());
  });

  it('runs only the sql/NN_create_*.sql files as MySQL init scripts', async () => {
    const sqlFiles = (await readdir(join(REPO_ROOT, 'sql'))).filter((f) => f.endsWith('.sql'));
    const createFiles = sqlFiles.filter((f) => /^\d\d_create_.*\.sql$/.test(f));
    expect(createFiles.length).toBeGreaterThan(0);
    for (const file of sqlFiles) {
      const mounted = text.includes(`./sql/${file}:/docker-entrypoint-initdb.d/${file}:ro`);
      expect(mounted, file).toBe(createFiles.includes(file));
    }
    expect(text).toMatch(/MYSQL_DATABASE: data_warehouse/);
  });

  it('registers every search attribute of config/temporal.ts in the compose namespace', async () => {
    const script = await readFile(join(REPO_ROOT, 'docker', 'temporal-search-attributes.sh'), 'utf8');
    const listed = /^ATTRIBUTES="([^"]*)"/m.exec(script)?.[1]?.split(/\s+/) ?? [];
    expect(listed.sort()).toEqual(Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => `${name}:${type}`).sort());
  });

  it('pins every image tag', () => {
    const images = [...text.matchAll(/^\s+image:\s*(\S+)/gm)].map((m) => m[1]!);
    expect(images.length).toBeGreaterThan(5);
    for (const image of images) expect(image, image).toMatch(/:[\w.-]+$/);
    expect(images.filter((i) => i.endsWith(':latest'))).toEqual([]);
  });
});

describe('Dockerfile', () => {
  it('builds, prunes dev dependencies and runs the worker as a non-root user', async () => {
    const dockerfile = await readFile(join(REPO_ROOT, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:24-bookworm-slim AS build$/m);
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).toMatch(/npm run build && npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "dist\/client\/cli\.js"\]$/m);
    expect(dockerfile).toMatch(/^CMD \["worker"\]$/m);
    // read at run time by `ksql apply`, `warehouse init` and the worker
    for (const dir of ['ksql', 'sql', 'feeds']) expect(dockerfile).toContain(`COPY --from=build /app/${dir} ./${dir}`);
    // the worker's memory settings, which only take effect when set before Node starts
    expect(dockerfile).toContain(`NODE_OPTIONS=${WORKER_NODE_OPTION}`);
    expect(dockerfile).toContain(`MALLOC_ARENA_MAX=${WORKER_MALLOC_ARENA_MAX}`);
    const ignored = (await readFile(join(REPO_ROOT, '.dockerignore'), 'utf8')).split('\n');
    for (const entry of ['node_modules', 'dist', 'data', '.tools', '.dev', '.git']) expect(ignored).toContain(entry);
  });
});
