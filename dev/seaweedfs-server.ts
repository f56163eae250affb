import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { CreateBucketCommand, DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { freePort, tcpAnswers, waitFor } from './probes.js';
import { spawnProcess, stopProcess, type SpawnedProcess } from './processes.js';

/** The ports one `weed server` listens on (127.0.0.1 only). Each gRPC port is chosen too: its default, port + 10000, may be taken. */
export interface SeaweedfsPorts {
  s3: number;
  s3Grpc: number;
  master: number;
  masterGrpc: number;
  volume: number;
  volumeGrpc: number;
  filer: number;
  filerGrpc: number;
}

export interface SeaweedfsServerOptions {
  /** absolute path of `weed` (see ensureSeaweedfs) */
  binary: string;
  /** where volumes and the filer's store live; created if missing */
  dataDir: string;
  ports: SeaweedfsPorts;
  /** created once the server answers */
  bucket: string;
  /** where the server's output goes (appended); without it output is only kept for error messages */
  logFile?: string;
  /** detached servers outlive the calling process (`dev up`); attached ones die with it (tests) */
  detached: boolean;
}

export interface SeaweedfsServer {
  pid: number;
  /** `http://127.0.0.1:<s3 port>`, for AWS_ENDPOINT_URL */
  endpoint: string;
  bucket: string;
  /** SIGTERM, then SIGKILL after 10 s */
  stop(): Promise<void>;
}

/**
 * Credentials of the local server, the only ones it accepts (`-s3.config`): a wrong key or secret is
 * refused as by a real S3, so what a person sees with bad credentials can be tested. They open
 * nothing anywhere else.
 */
export const SEAWEEDFS_CREDENTIALS = { accessKeyId: 'ksql-etl-dev', secretAccessKey: 'ksql-etl-dev-secret' } as const;
/** A second identity that may only read and list: a write with it is refused with AccessDenied. */
export const SEAWEEDFS_READ_ONLY_CREDENTIALS = { accessKeyId: 'ksql-etl-reader', secretAccessKey: 'ksql-etl-reader-secret' } as const;
export const SEAWEEDFS_REGION = 'us-east-1';
const START_DEADLINE_MS = 90_000;

/**
 * Starts `weed server` with a master, a volume server, a filer and the S3 gateway, and resolves
 * once an object can be written to `bucket` (the bucket exists and a volume is writable).
 */
export async function startSeaweedfsServer(opts: SeaweedfsServerOptions): Promise<SeaweedfsServer> {
  for (const port of Object.values(opts.ports)) {
    if (await tcpAnswers('127.0.0.1', port, 500)) throw new Error(`Cannot start SeaweedFS: port ${port} on 127.0.0.1 is already in use`);
  }
  const dataDir = resolve(opts.dataDir);
  await mkdir(dataDir, { recursive: true });
  if (opts.logFile) await mkdir(dirname(opts.logFile), { recursive: true });
  const endpoint = `http://127.0.0.1:${opts.ports.s3}`;
  const marker = `-s3.port=${opts.ports.s3}`;

  const identities = join(dataDir, 's3-identities.json');
  await writeFile(identities, JSON.stringify(s3Identities(), null, 2));
  const proc = spawnProcess({ command: opts.binary, args: serverArgs(dataDir, opts.ports, identities), logFile: opts.logFile, detached: opts.detached });
  const stop = () => stopProcess(proc.pid, { marker }).then(() => undefined);
  const client = new S3Client({ endpoint, region: SEAWEEDFS_REGION, credentials: SEAWEEDFS_CREDENTIALS, forcePathStyle: true, maxAttempts: 1 });
  try {
    await waitFor({
      what: `SeaweedFS's S3 gateway on ${endpoint}`,
      timeoutMs: START_DEADLINE_MS,
      intervalMs: 500,
      check: () => writableBucket(client, opts.bucket),
      abort: () => exitedError(proc),
    });
  } catch (err) {
    await stop();
    const tail = proc.logTail();
    throw new Error(`${(err as Error).message}${tail ? `\n--- weed server output (last lines) ---\n${tail}` : ''}`, { cause: err });
  } finally {
    client.destroy();
  }
  return { pid: proc.pid, endpoint, bucket: opts.bucket, stop };
}

/** Eight distinct ports that were free a moment ago; one may be taken before the server binds it, so callers retry. */
export async function freeSeaweedfsPorts(): Promise<SeaweedfsPorts> {
  const picked = new Set<number>();
  while (picked.size < 8) picked.add(await freePort());
  const [s3, s3Grpc, master, masterGrpc, volume, volumeGrpc, filer, filerGrpc] = [...picked] as [number, number, number, number, number, number, number, number];
  return { s3, s3Grpc, master, masterGrpc, volume, volumeGrpc, filer, filerGrpc };
}

/** SeaweedFS's identity file: who may sign requests to the S3 gateway, and what each may do. */
function s3Identities() {
  const identity = (name: string, c: { accessKeyId: string; secretAccessKey: string }, actions: string[]) => ({
    name,
    credentials: [{ accessKey: c.accessKeyId, secretKey: c.secretAccessKey }],
    actions,
  });
  return {
    identities: [
      identity('ksql-etl-dev', SEAWEEDFS_CREDENTIALS, ['Admin', 'Read', 'List', 'Tagging', 'Write']),
      identity('ksql-etl-reader', SEAWEEDFS_READ_ONLY_CREDENTIALS, ['Read', 'List']),
    ],
  };
}

function serverArgs(dataDir: string, ports: SeaweedfsPorts, identities: string): string[] {
  return [
    'server',
    `-dir=${dataDir}`,
    '-ip=127.0.0.1',
    '-ip.bind=127.0.0.1',
    `-master.port=${ports.master}`,
    `-master.port.grpc=${ports.masterGrpc}`,
    // never report to SeaweedFS's telemetry service from a dev or test machine
    '-master.telemetry=false',
    // small volumes: the default 30 GB limit is sized for production disks
    '-master.volumeSizeLimitMB=256',
    `-volume.port=${ports.volume}`,
    `-volume.port.grpc=${ports.volumeGrpc}`,
    '-filer',
    `-filer.port=${ports.filer}`,
    `-filer.port.grpc=${ports.filerGrpc}`,
    '-s3',
    `-s3.port=${ports.s3}`,
    `-s3.port.grpc=${ports.s3Grpc}`,
    `-s3.config=${identities}`,
    // the Iceberg and Lance catalogs would otherwise take fixed ports (8181, 9101)
    '-s3.port.iceberg=0',
    '-s3.port.lance=0',
  ];
}

/** True once the bucket exists (created here) and takes a write: only then is the server usable. */
async function writableBucket(client: S3Client, bucket: string): Promise<true | undefined> {
  try {
    await client.send(new CreateBucketCommand({ Bucket: bucket })).catch((err: Error) => {
      if (err.name !== 'BucketAlreadyOwnedByYou' && err.name !== 'BucketAlreadyExists') throw err;
    });
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: '_probe', Body: 'ok' }));
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: '_probe' }));
    return true;
  } catch {
    return undefined;
  }
}

function exitedError(proc: SpawnedProcess): Error | undefined {
  const reason = proc.exitReason();
  return reason ? new Error(`SeaweedFS stopped while starting (${reason})`) : undefined;
}
