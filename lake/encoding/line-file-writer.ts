import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Appends text lines to a file, waiting for the stream to drain so memory stays bounded. */
export class LineFileWriter {
  private lines = 0;
  private constructor(private readonly stream: WriteStream) {}

  /** `append` keeps what the file holds (a writer closed and opened again). */
  static async open(path: string, opts: { append?: boolean } = {}): Promise<LineFileWriter> {
    const stream = createWriteStream(path, { flags: opts.append ? 'a' : 'w' });
    await once(stream, 'open');
    return new LineFileWriter(stream);
  }

  get count(): number {
    return this.lines;
  }

  async write(line: string): Promise<void> {
    await this.writeLines(`${line}\n`, 1);
  }

  /** Writes `count` lines already joined, each ending with `\n`: one write for a batch. */
  async writeLines(text: string | Buffer, count: number): Promise<void> {
    this.lines += count;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'close');
  }
}
