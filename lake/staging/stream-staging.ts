import { join } from 'node:path';
import { checkSourceRow } from '../encoding/check-source-row.js';
import { concurrencyLimit } from '../common/concurrency-limit.js';
import { LineFileWriter } from '../encoding/line-file-writer.js';
import type { StreamColumns } from '../encoding/row-encoder.js';
import type { SourceLine, SourceRow } from '../encoding/source-row.js';
import { MAX_STAGED_LINE_BYTES } from '../encoding/wire-sql.js';

/**
 * One part of a slot's staged rows: what arrived until the part was sealed and handed to DuckDB.
 * Rows usually come in time order, so a slot has one part; rows arriving after its part was sealed
 * start another, written to its own file and merged with the first.
 */
export interface StagedPart {
  startMs: number;
  /** 0 for the slot's first part */
  index: number;
  /** `<seq>\x01<wire row>` lines for DuckDB to check in bulk (lake/encoding/wire-sql.ts) */
  linesFile: string;
  lines: number;
  /** rows the encoder passed after DuckDB (or this class) could not, as the lake's JSON lines */
  rescuedFile: string;
  rescued: number;
  /** sealed: its files are DuckDB's to read, new rows of the slot go to a new part */
  sealed: boolean;
}

/** What one slot of the range has staged. */
export interface StagedSlot {
  startMs: number;
  parts: StagedPart[];
  quarantined: number;
}

export interface StagingRange {
  startMs: number;
  endMs: number;
  slotMs: number;
}

/** Writers kept open at once; rows usually arrive in time order, so only the latest slots are written. */
const MAX_OPEN_WRITERS = 16;
/**
 * A slot's part is sealed once rows of a slot this many slots later arrived: the source sends
 * rows roughly in time order, so by then the slot has (almost always) all its rows.
 */
const SEAL_LAG_SLOTS = 2;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;
/** between a staged line's arrival number and its row (lake/encoding/wire-sql.ts reads it back) */
const SEPARATOR = 0x01;
/** a routed row is noted as four numbers: its run, its start and end in the run, its arrival number */
const RANGE_FIELDS = 4;

/**
 * Splits a stream's wire rows by slot as they arrive, without parsing them or decoding their bytes:
 * a row's slot comes from the digits of ROWTIME, its first value, and its bytes are copied as they
 * are (a row handed over as text is encoded once and takes the same path). A row that cannot be
 * routed that way (ROWTIME not plain digits, or outside the range; a line too long or with control
 * characters) and every malformed piece goes through the exact encoder at once. Quarantined rows keep their arrival
 * number, so the quarantine file lists them in the order the source sent them. `add` hands back the
 * parts it sealed, so DuckDB writes a slot while the rest of the range is still arriving.
 */
export class StreamStaging {
  readonly slots = new Map<number, StagedSlot>();
  #seq = 0;
  #quarantined = 0;
  #newestIndex = -1;
  /** the row runs of the batch being staged, which routed rows point into */
  #runs: Buffer[] = [];
  // Staging and the background part writer (rescuing suspects) share the open files: one at a time.
  readonly #exclusive = concurrencyLimit(1);
  readonly #writers = new Map<string, LineFileWriter>();
  readonly #quarantineFile: string;

  constructor(
    private readonly dir: string,
    private readonly columns: StreamColumns,
    private readonly range: StagingRange,
    readonly decode: (text: string) => SourceRow,
  ) {
    this.#quarantineFile = join(dir, 'quarantine-unsorted.ndjson');
  }

  /** rows seen so far */
  get seen(): number {
    return this.#seq;
  }

  get quarantined(): number {
    return this.#quarantined;
  }

  /** `{seq, reason, raw}` per quarantined row, in no particular order */
  get quarantineFile(): string {
    return this.#quarantineFile;
  }

  /** Stages a batch; returns the parts this batch sealed (slots the stream has moved past). */
  add(batch: readonly SourceLine[]): Promise<StagedPart[]> {
    return this.#exclusive(() => this.#add(batch));
  }

  async #add(batch: readonly SourceLine[]): Promise<StagedPart[]> {
    const bySlot = new Map<number, number[]>();
    for (const line of batch) {
      if (line.kind === 'rows') {
        await this.#routeRows(line.bytes, bySlot);
        continue;
      }
      // A text row with a raw newline (JSON whitespace, from the JSON format) would split in two as a line.
      if (line.kind === 'malformed' || line.text.includes('\n')) {
        await this.#recheck(this.#seq++, line.kind === 'line' ? this.decode(line.text) : line);
        continue;
      }
      await this.#routeRows(Buffer.from(`${line.text}\n`), bySlot);
    }
    for (const [index, ranges] of bySlot) {
      const part = this.#openPart(index);
      const lines = ranges.length / RANGE_FIELDS;
      part.lines += lines;
      await (await this.#writer(part.linesFile)).writeLines(this.#stagedLines(ranges), lines);
      this.#newestIndex = Math.max(this.#newestIndex, index);
    }
    this.#runs = [];
    const sealed: StagedPart[] = [];
    for (const [index, slot] of this.slots) {
      const open = slot.parts.at(-1);
      if (index <= this.#newestIndex - SEAL_LAG_SLOTS && open && !open.sealed) sealed.push(await this.#seal(open));
    }
    return sealed;
  }

  /**
   * Notes where each row of `rows` (whole lines, each ending with `\n`) goes: its slot, by the digits
   * of ROWTIME, with its arrival number. Read as bytes, never decoded; a row that cannot be routed
   * that way goes through the exact encoder at once.
   */
  async #routeRows(rows: Buffer, bySlot: Map<number, number[]>): Promise<void> {
    const run = this.#runs.push(rows) - 1;
    // A row holding the separator or a `\r` cannot be staged (valid JSON has neither raw): one scan
    // of the whole run finds out, and only a run that has one is looked at row by row.
    const clean = rows.indexOf(SEPARATOR) === -1 && rows.indexOf(CARRIAGE_RETURN) === -1;
    for (let start = 0; start < rows.length; ) {
      const end = rows.indexOf(NEWLINE, start);
      const seq = this.#seq++;
      const index = this.#routable(rows, start, end, clean);
      if (index < 0) {
        await this.#recheck(seq, this.decode(rows.toString('utf8', start, end)));
      } else {
        let ranges = bySlot.get(index);
        if (!ranges) bySlot.set(index, (ranges = []));
        ranges.push(run, start, end, seq);
      }
      start = end + 1;
    }
  }

  /** `<seq>\x01<row>\n` for each noted row, copied out of the runs it arrived in. */
  #stagedLines(ranges: readonly number[]): Buffer {
    let size = 0;
    for (let i = 0; i < ranges.length; i += RANGE_FIELDS) size += ranges[i + 2]! - ranges[i + 1]! + 1 + digitCount(ranges[i + 3]!) + 1;
    const out = Buffer.allocUnsafe(size);
    let at = 0;
    for (let i = 0; i < ranges.length; i += RANGE_FIELDS) {
      at = writeDigits(out, at, ranges[i + 3]!);
      out[at++] = SEPARATOR;
      at += this.#runs[ranges[i]!]!.copy(out, at, ranges[i + 1]!, ranges[i + 2]! + 1);
    }
    return out;
  }

  /** Seals every part still open (at the end of the rows), in slot order. */
  sealAll(): Promise<StagedPart[]> {
    return this.#exclusive(async () => {
      const open = [...this.slots.values()].flatMap((slot) => slot.parts.filter((part) => !part.sealed));
      const sealed: StagedPart[] = [];
      for (const part of open.sort((a, b) => a.startMs - b.startMs)) sealed.push(await this.#seal(part));
      return sealed;
    });
  }

  /** Closes the part's open files (before DuckDB reads them); the next row written opens them again. */
  closeFiles(part: StagedPart): Promise<void> {
    return this.#exclusive(() => this.#closeFiles(part));
  }

  /** Closes a part's files for DuckDB to read; the slot's later rows start a new part. */
  async #seal(part: StagedPart): Promise<StagedPart> {
    part.sealed = true;
    await this.#closeFiles(part);
    return part;
  }

  async #closeFiles(part: StagedPart): Promise<void> {
    for (const path of [part.linesFile, part.rescuedFile]) {
      const writer = this.#writers.get(path);
      this.#writers.delete(path);
      await writer?.close();
    }
  }

  /**
   * Runs one row through the exact encoder: its slot's rescued rows, or the quarantine with its
   * reason. A suspect DuckDB found while writing a part is rescued `into` that part.
   */
  recheck(seq: number, row: SourceRow, into?: StagedPart): Promise<void> {
    return this.#exclusive(() => this.#recheck(seq, row, into));
  }

  async #recheck(seq: number, row: SourceRow, into?: StagedPart): Promise<void> {
    const checked = checkSourceRow(this.columns, row, (values) => this.#rowtimeProblem(values.rowtime));
    if (checked.ok) {
      const index = Math.floor((Number(checked.values.rowtime) - this.range.startMs) / this.range.slotMs);
      const part = into && into.startMs === this.#slot(index).startMs ? into : this.#openPart(index);
      part.rescued++;
      await (await this.#writer(part.rescuedFile)).write(checked.json);
      return;
    }
    this.#quarantined++;
    this.#slot(this.#nearestSlot(row)).quarantined++;
    await (await this.#writer(this.#quarantineFile)).write(JSON.stringify({ seq, reason: checked.reason, raw: checked.raw }));
  }

  /** Closes every open file (call before DuckDB reads them, and at the end). */
  flush(): Promise<void> {
    return this.#exclusive(async () => {
      const writers = [...this.#writers.values()];
      this.#writers.clear();
      await Promise.all(writers.map((w) => w.close()));
    });
  }

  /** The slot index the row at `[start, end)` can be staged under, or -1 when the encoder must look at it now. */
  #routable(rows: Buffer, start: number, end: number, clean: boolean): number {
    if (end - start > MAX_STAGED_LINE_BYTES) return -1;
    if (!clean && (hasByte(rows, SEPARATOR, start, end) || hasByte(rows, CARRIAGE_RETURN, start, end))) return -1;
    const ms = leadingInteger(rows, start);
    if (!(ms >= this.range.startMs && ms < this.range.endMs)) return -1;
    return Math.floor((ms - this.range.startMs) / this.range.slotMs);
  }

  #slot(index: number): StagedSlot {
    let slot = this.slots.get(index);
    if (!slot) {
      slot = { startMs: this.range.startMs + index * this.range.slotMs, parts: [], quarantined: 0 };
      this.slots.set(index, slot);
    }
    return slot;
  }

  /** The slot's part that takes new rows: its last, or a new one when that is sealed. */
  #openPart(index: number): StagedPart {
    const slot = this.#slot(index);
    const last = slot.parts.at(-1);
    if (last && !last.sealed) return last;
    const { startMs } = slot;
    const n = slot.parts.length;
    const part = { startMs, index: n, linesFile: join(this.dir, `${startMs}.${n}.lines`), lines: 0, rescuedFile: join(this.dir, `${startMs}.${n}.rescued.ndjson`), rescued: 0, sealed: false };
    slot.parts.push(part);
    return part;
  }

  async #writer(path: string): Promise<LineFileWriter> {
    const open = this.#writers.get(path);
    if (open) {
      // Most recently used last, so the first entry is the one to close.
      this.#writers.delete(path);
      this.#writers.set(path, open);
      return open;
    }
    if (this.#writers.size >= MAX_OPEN_WRITERS) {
      const [oldest, writer] = this.#writers.entries().next().value as [string, LineFileWriter];
      this.#writers.delete(oldest);
      await writer.close();
    }
    const writer = await LineFileWriter.open(path, { append: true });
    this.#writers.set(path, writer);
    return writer;
  }

  #rowtimeProblem(rowtime: unknown): string | null {
    const ms = Number(rowtime);
    if (!Number.isFinite(ms)) return 'ROWTIME is missing';
    if (ms < this.range.startMs || ms >= this.range.endMs) return `ROWTIME ${new Date(ms).toISOString()} is outside the requested range`;
    return null;
  }

  /**
   * The slot a quarantined row is counted against, by its ROWTIME when that can be read; a line
   * that could not be decoded at all, or a ROWTIME outside the range, counts against the nearest slot.
   */
  #nearestSlot(row: SourceRow): number {
    const { startMs, endMs, slotMs } = this.range;
    const ms = row.kind === 'row' ? Number(String(row.values[0])) : Number.NaN;
    const last = (endMs - startMs) / slotMs - 1;
    return Number.isFinite(ms) ? Math.min(last, Math.max(0, Math.floor((ms - startMs) / slotMs))) : 0;
  }
}

/** The integer right after the `[` at `start` when it is plain digits followed by `,` (at most 15, so exact), else NaN. */
function leadingInteger(rows: Buffer, start: number): number {
  let i = start + 1;
  const negative = rows[i] === 0x2d;
  if (negative) i++;
  const first = i;
  let n = 0;
  for (; i < rows.length && i - first <= 15; i++) {
    const digit = rows[i]! - 0x30;
    if (digit < 0 || digit > 9) break;
    n = n * 10 + digit;
  }
  if (i === first || i - first > 15 || rows[i] !== COMMA) return Number.NaN;
  return negative ? -n : n;
}

function hasByte(rows: Buffer, byte: number, start: number, end: number): boolean {
  const at = rows.indexOf(byte, start);
  return at !== -1 && at < end;
}

function digitCount(n: number): number {
  let digits = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    digits++;
  }
  return digits;
}

/** Writes `n` (a non-negative integer) in decimal at `at`; returns the offset after it. */
function writeDigits(out: Buffer, at: number, n: number): number {
  const end = at + digitCount(n);
  for (let i = end - 1; i >= at; i--) {
    out[i] = 0x30 + (n % 10);
    n = Math.floor(n / 10);
  }
  return end;
}
