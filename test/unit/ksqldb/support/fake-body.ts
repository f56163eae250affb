import { Readable } from 'node:stream';
import { ResponseBody } from '../../../../ksqldb/response-body.js';

export const CONTEXT = { endpoint: 'POST /query-stream', statement: 'SELECT * FROM x;' };

/**
 * A ResponseBody over in-memory chunks, as if a server had sent them; `endedProperly: false`
 * plays a connection that closed without the protocol's end marker.
 */
export function fakeBody(chunks: Buffer[], opts: { endedProperly?: boolean; idleTimeoutMs?: number } = {}): ResponseBody {
  const readable = Readable.from(chunks, { objectMode: false });
  return new ResponseBody(
    {
      readable,
      endedProperly: () => opts.endedProperly ?? true,
      describeCut: () => 'test connection closed early',
      destroy: () => readable.destroy(),
    },
    opts.idleTimeoutMs ?? 5_000,
    CONTEXT,
  );
}
