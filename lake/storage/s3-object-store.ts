import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { PassThrough, pipeline as pipe, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { checkedStream } from './checked-stream.js';
import { classifyS3Error } from './classify-s3-error.js';
import { CasConflictError, ObjectChecksumError, ObjectNotFoundError } from './errors.js';
import { checkKey, checkPrefix } from './object-keys.js';
import type { CasOutcome, CasUpdate, ExpectedContent, ObjectHead, ObjectInfo, ObjectStore } from './object-store.js';

export interface S3ObjectStoreOptions {
  /** owned by the store from now on: close() destroys it */
  client: S3Client;
  bucket: string;
  /** the server, for messages: `AWS_ENDPOINT_URL_S3`'s value, or `AWS S3 (<region>)` */
  endpoint: string;
  /** key prefix inside the bucket, without slashes at either end; '' for the bucket's root */
  prefix: string;
  /** bytes per multipart part (S3's minimum is 5 MiB); an object up to one part goes in one PUT */
  partSize?: number;
  /** parts uploaded at once */
  queueSize?: number;
  /** compare-and-swap attempts after the first before giving up with CasConflictError */
  casMaxRetries?: number;
}

/** The SHA-256 given at put is kept as user metadata (`x-amz-meta-sha256`), for head and getToFile. */
const SHA256_META = 'sha256';
const DELETE_BATCH = 1000; // DeleteObjects' limit
const CAS_BACKOFF_MS = { first: 10, max: 1000 };

/**
 * The lake in an S3 bucket (AWS, or a compatible server such as SeaweedFS). Large objects go up
 * in parts; a put that fails or whose bytes do not check out never completes, so the key keeps its
 * previous object. Metadata commits are conditional writes (`If-Match` on the ETag read, or
 * `If-None-Match: *` for the first), retried on 412 Precondition Failed.
 */
export class S3ObjectStore implements ObjectStore {
  readonly location: string;
  private readonly root: string;

  constructor(private readonly opts: S3ObjectStoreOptions) {
    this.root = opts.prefix === '' ? '' : `${opts.prefix}/`;
    this.location = `s3://${opts.bucket}/${opts.prefix}`;
  }

  async put(key: string, source: string | Readable, expect: ExpectedContent): Promise<ObjectHead> {
    const sha256 = expect.sha256.toLowerCase();
    const body = checkedStream(expect, key);
    // pipeline (not pipe) so a failing source fails the body, and with it the upload
    pipe(typeof source === 'string' ? createReadStream(source) : source, body, () => undefined);
    const upload = new Upload({
      client: this.opts.client,
      params: { Bucket: this.opts.bucket, Key: this.objectKey(key), Body: body, ContentLength: expect.size, Metadata: { [SHA256_META]: sha256 } },
      partSize: this.opts.partSize ?? 8 * 1024 * 1024,
      queueSize: this.opts.queueSize ?? 4,
      leavePartsOnError: false,
    });
    await this.request(`PUT ${key}`, () => upload.done());
    const head = await this.head(key);
    if (!head || head.size !== expect.size || head.sha256 !== sha256) {
      throw new ObjectChecksumError(`${key}: stored as ${head ? `${head.size} bytes, SHA-256 ${head.sha256}` : 'nothing'}, expected ${expect.size} bytes, ${sha256}`);
    }
    return head;
  }

  async get(key: string): Promise<Readable> {
    return (await this.getObject(key)).body;
  }

  async getToFile(key: string, localPath: string): Promise<ObjectHead> {
    const { body, head } = await this.getObject(key);
    await mkdir(dirname(localPath), { recursive: true });
    const temp = join(dirname(localPath), `.${basename(localPath)}.${randomUUID()}.tmp`);
    const check = head.sha256 ? checkedStream({ size: head.size, sha256: head.sha256 }, key) : new PassThrough();
    try {
      await pipeline(body, check, createWriteStream(temp));
      await rename(temp, localPath);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    return head;
  }

  async head(key: string): Promise<ObjectHead | null> {
    try {
      const out = await this.request(`HEAD ${key}`, () => this.opts.client.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key) })));
      return { key, size: out.ContentLength ?? 0, modifiedAt: out.LastModified ?? new Date(0), sha256: out.Metadata?.[SHA256_META] ?? null };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectInfo> {
    const pages = paginateListObjectsV2({ client: this.opts.client }, { Bucket: this.opts.bucket, Prefix: this.root + checkPrefix(prefix) })[Symbol.asyncIterator]();
    for (;;) {
      const page = await this.request(`LIST ${prefix || '(all)'}`, () => pages.next());
      if (page.done) return;
      for (const item of page.value.Contents ?? []) {
        if (!item.Key) continue;
        yield { key: item.Key.slice(this.root.length), size: item.Size ?? 0, modifiedAt: item.LastModified ?? new Date(0) };
      }
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH).map((key) => ({ Key: this.objectKey(key) }));
      const out = await this.request(`DELETE ${batch.length} object(s)`, () =>
        this.opts.client.send(new DeleteObjectsCommand({ Bucket: this.opts.bucket, Delete: { Objects: batch, Quiet: true } })));
      const failed = (out.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
      if (failed.length > 0) {
        const err = new Error(`Could not delete ${failed.length} object(s) from ${this.location}: ${failed.slice(0, 3).map((e) => `${e.Key} (${e.Code}: ${e.Message})`).join(', ')}`);
        // the batch answered 200 with an error per key: class it by the first key's code, as a refused request would be
        throw classifyS3Error(Object.assign(err, { Code: failed[0]!.Code }), { request: 'DELETE', location: this.location, bucket: this.opts.bucket, endpoint: this.opts.endpoint });
      }
    }
  }

  async compareAndSwap<R>(key: string, update: CasUpdate<R>): Promise<CasOutcome<R>> {
    const max = this.opts.casMaxRetries ?? 50;
    for (let retries = 0; ; retries++) {
      const current = await this.readText(key);
      const { next, result } = await update(current?.text ?? null);
      if (next === null) return { result, retries };
      const condition = current ? { IfMatch: current.etag } : { IfNoneMatch: '*' };
      try {
        await this.request(`conditional PUT ${key}`, () =>
          this.opts.client.send(new PutObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key), Body: next, ContentType: 'application/json', ...condition })));
        return { result, retries };
      } catch (err) {
        if (!isLostRace(err)) throw err;
        if (retries >= max) throw new CasConflictError(`${key}: other writers changed it ${retries + 1} times in a row; giving up for now`, { cause: err });
      }
      // Full jitter: writers that collided spread out instead of colliding again in step.
      await sleep(Math.random() * Math.min(CAS_BACKOFF_MS.max, CAS_BACKOFF_MS.first * 2 ** retries));
    }
  }

  localPath(): null {
    return null;
  }

  close(): void {
    this.opts.client.destroy();
  }

  /** One request to the server, its failure classed (classify-s3-error.ts) with `what` it was. */
  private async request<T>(what: string, send: () => Promise<T>): Promise<T> {
    try {
      return await send();
    } catch (err) {
      throw classifyS3Error(err, { request: what, location: this.location, bucket: this.opts.bucket, endpoint: this.opts.endpoint });
    }
  }

  private objectKey(key: string): string {
    return this.root + checkKey(key);
  }

  private async getObject(key: string): Promise<{ body: Readable; head: ObjectHead }> {
    try {
      const out = await this.request(`GET ${key}`, () => this.opts.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key) })));
      const head = { key, size: out.ContentLength ?? 0, modifiedAt: out.LastModified ?? new Date(0), sha256: out.Metadata?.[SHA256_META] ?? null };
      return { body: out.Body as Readable, head };
    } catch (err) {
      if (isNotFound(err)) throw new ObjectNotFoundError(`${key}: no such object in ${this.location}`, { cause: err });
      throw err;
    }
  }

  private async readText(key: string): Promise<{ text: string; etag: string } | null> {
    try {
      const out = await this.request(`GET ${key}`, () => this.opts.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.objectKey(key) })));
      if (!out.ETag) throw new Error(`${this.location}: GET ${key} answered without an ETag, which compare-and-swap needs`);
      return { text: (await out.Body?.transformToString('utf8')) ?? '', etag: out.ETag };
    } catch (err) {
      if (isNotFound(err)) return null;
      throw err;
    }
  }
}

function status(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}

function isNotFound(err: unknown): boolean {
  return status(err) === 404 || (err as Error).name === 'NoSuchKey' || (err as Error).name === 'NotFound';
}

/** 412: the ETag moved (or the key appeared) since the read; 409: a concurrent conditional write is in flight. */
function isLostRace(err: unknown): boolean {
  const name = (err as Error).name;
  return status(err) === 412 || status(err) === 409 || name === 'PreconditionFailed' || name === 'ConditionalRequestConflict';
}
