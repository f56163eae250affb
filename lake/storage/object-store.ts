import type { Readable } from 'node:stream';

/**
 * Everything the lake stores goes through this interface, so the lake does not know whether it
 * lives in a local folder or in an S3 bucket. Keys are `/`-separated paths relative to the lake's
 * root (`streams/<feed>/date=…/x.parquet`, `streams/<feed>/_metadata.json`); see checkKey.
 */
export interface ObjectStore {
  /** where the store lives, for people to read in messages (a directory or `s3://bucket/prefix`) */
  readonly location: string;

  /**
   * Stores `source` (a local file path or a stream) under `key`, replacing any object there. The
   * bytes are checked against `expect` while they stream; on a mismatch the object is not created
   * (ObjectChecksumError) and whatever was at `key` stays. Resolves once the stored object has
   * been verified, so a commit that names it afterwards never names an unchecked object.
   */
  put(key: string, source: string | Readable, expect: ExpectedContent, opts?: PutOptions): Promise<ObjectHead>;

  /** The object's bytes, streamed; ObjectNotFoundError when there is none. */
  get(key: string): Promise<Readable>;

  /**
   * Downloads the object to `localPath` (written beside it and renamed, so a reader never sees a
   * partial file), checking the SHA-256 recorded at put where the store keeps one.
   */
  getToFile(key: string, localPath: string): Promise<ObjectHead>;

  /** Size, time and recorded checksum; null when there is no object. */
  head(key: string): Promise<ObjectHead | null>;

  /** Every object whose key starts with `prefix`, in key order, fetched page by page. */
  list(prefix: string): AsyncIterable<ObjectInfo>;

  /** Deletes the objects (in batches); keys that do not exist are not an error. */
  delete(keys: readonly string[]): Promise<void>;

  /**
   * Atomic read-modify-write of a small text object (the feeds' `_metadata.json`): `update` gets
   * the current text (null when absent) and returns the next text. If another writer committed in
   * between, `update` runs again on the newer text, so it must only depend on its argument (and
   * put its outcome in `result`, the one from the attempt that committed).
   */
  compareAndSwap<R>(key: string, update: CasUpdate<R>): Promise<CasOutcome<R>>;

  /**
   * The object's file on this machine when the store is a local folder, so a reader opens it in
   * place instead of copying it; null for a remote store (the reader fetches it with getToFile).
   */
  localPath(key: string): string | null;

  /** Releases connections (the S3 client's sockets); the store is not used afterwards. */
  close(): void;
}

/** What the bytes of a put must be. */
export interface ExpectedContent {
  size: number;
  /** lowercase hex SHA-256 of the bytes */
  sha256: string;
}

export interface PutOptions {
  /**
   * The caller will not use the source file again (a staging file): a local store may move it into
   * place instead of copying it. Ignored for stream sources and by remote stores.
   */
  consumeSource?: boolean;
}

export interface ObjectInfo {
  key: string;
  size: number;
  modifiedAt: Date;
}

export interface ObjectHead extends ObjectInfo {
  /** SHA-256 recorded when the object was put; null where the store keeps none (local files) */
  sha256: string | null;
}

export type CasUpdate<R> = (current: string | null) => CasNext<R> | Promise<CasNext<R>>;

export interface CasNext<R> {
  /** the text to commit; null leaves the object as it is and writes nothing (the update decided not to) */
  next: string | null;
  result: R;
}

export interface CasOutcome<R> {
  result: R;
  /** how many times another writer got in first and `update` ran again */
  retries: number;
}
