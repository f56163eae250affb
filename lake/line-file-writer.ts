import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

/** Appends text lines to a file, waiting for the stream to drain so memory stays bounded. */
export class LineFileWriter {
  private lines = 0;
  private constructor(private readonly stream: WriteStream) {}

  static async open(path: string): Promise<LineFileWriter> {
    const stream = createWriteStream(path, { flags: 'w' });
    await once(stream, 'open');
    return new LineFileWriter(stream);
  }

  get count(): number {
    return this.lines;
  }

  async write(line: string): Promise<void> {
    this.lines++;
    if (!this.stream.write(`${line}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'close');
  }
}
