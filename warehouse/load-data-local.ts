import { pipeline, Transform, type Readable, type Writable } from 'node:stream';
import type { PoolConnection } from 'mysql2/promise';

/** The lake's `mysql-csv` text, as LOAD DATA reads it (see lake/read/read-version-text.ts). */
const MYSQL_CSV = `FIELDS TERMINATED BY ',' OPTIONALLY ENCLOSED BY '"' ESCAPED BY '' LINES TERMINATED BY '\\n'`;

export interface LoadDataInput {
  /** escaped table name */
  table: string;
  /** escaped column names and `@variables`, in the text's column order */
  columns: string[];
  /** `SET …` assignments (escaped), with `?` placeholders bound from `values` */
  set?: string;
  values?: unknown[];
  /** called with the lines sent so far, as the text streams */
  onLines?: (lines: number) => void;
}

export interface LoadDataResult {
  affectedRows: number;
  /** every warning the statement raised (the OK packet's own count stops at 65535) */
  warnings: number;
}

/**
 * `LOAD DATA LOCAL INFILE` of a text stream: the server's bulk path, without a file on its side.
 * With LOCAL the server cannot stop the client mid-transfer, so duplicate keys and bad values are
 * skipped with warnings instead of failing: callers must check `affectedRows` and `warnings`.
 * A stream that fails part way makes the statement fail after the server took what it got, which
 * is why this runs inside the load's transaction.
 */
export async function loadDataLocal(tx: PoolConnection, text: Readable, input: LoadDataInput): Promise<LoadDataResult> {
  const sql = `LOAD DATA LOCAL INFILE 'lake-version' INTO TABLE ${input.table} ${MYSQL_CSV} (${input.columns.join(', ')})${input.set ? ` SET ${input.set}` : ''}`;
  // Built when the server asks for the file, so the driver listens before anything can fail;
  // pipeline() hands a failure of the source on to the stream the driver reads, and keeps every
  // error of either stream handled.
  const socket = (tx.connection as unknown as { stream: Writable }).stream;
  const source = () => pipeline(text, lineCounter(input.onLines ?? (() => undefined)), pacedBy(socket), () => undefined);
  const [result] = await tx.query({ sql, values: input.values ?? [], infileStreamFactory: source });
  const [[warnings]] = (await tx.query({ sql: 'SELECT @@warning_count', rowsAsArray: true })) as unknown as [[[number | string]]];
  return { affectedRows: (result as { affectedRows: number }).affectedRows, warnings: Number(warnings) };
}

/** Passes bytes through and reports how many lines went by, at most every 64k lines. */
function lineCounter(onLines: (lines: number) => void): Transform {
  let lines = 0;
  let reported = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
      if (lines - reported >= 65_536) onLines((reported = lines));
      done(null, chunk);
    },
    flush(done) {
      onLines(lines);
      done();
    },
  });
}

/**
 * Holds the text back while the socket to the server is behind. mysql2 writes each chunk of an
 * infile stream to the socket as it comes and never waits for the socket to drain, so a server
 * slower than the disk would otherwise find the whole version queued in this process's memory.
 */
function pacedBy(socket: Writable, queuedBytes = 8 << 20): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (socket.writableLength < queuedBytes || socket.destroyed) return done(null, chunk);
      const go = () => {
        socket.off('drain', go).off('close', go);
        done(null, chunk);
      };
      socket.on('drain', go).on('close', go);
    },
  });
}
