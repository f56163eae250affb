/**
 * `Accept` negotiation for /query-stream and /query, mirroring the Vert.x route's `produces`
 * list: no Accept header picks the endpoint default, `*∕*` picks the first produced type, and an
 * Accept that matches nothing is a 406.
 */
export const DELIMITED = 'application/vnd.ksqlapi.delimited.v1';
export const JSON_TYPE = 'application/json';
export const KSQL_V1_JSON = 'application/vnd.ksql.v1+json';

export type OutputFormat = 'delimited' | 'json' | 'streamed-row';

export interface NegotiationOptions {
  /** what a request without Accept gets: delimited on /query-stream, StreamedRow on /query */
  defaultFormat: OutputFormat;
  /** CP ≤ 7.1 / ksqlDB ≤ 0.23 has no StreamedRow on /query-stream */
  streamedRowAvailable: boolean;
  /** /query in compatibility mode maps `application/json` to StreamedRow */
  jsonMeansStreamedRow: boolean;
}

/** The chosen format, or null for 406. */
export function negotiate(accept: string | undefined, opts: NegotiationOptions): OutputFormat | null {
  if (accept === undefined || accept.trim() === '') return opts.defaultFormat;
  const produces: Array<[string, OutputFormat]> = [
    [DELIMITED, 'delimited'],
    [JSON_TYPE, opts.jsonMeansStreamedRow ? 'streamed-row' : 'json'],
    ...(opts.streamedRowAvailable ? [[KSQL_V1_JSON, 'streamed-row'] as [string, OutputFormat]] : []),
  ];
  const wanted = accept.split(',')
    .map((part, order) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) : 1, order };
    })
    .filter((w) => w.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { type } of wanted) {
    const [major, minor] = type.split('/');
    const hit = produces.find(([produced]) => {
      const [pMajor, pMinor] = produced.split('/');
      return (major === '*' || major === pMajor) && (minor === '*' || minor === pMinor);
    });
    if (hit) return hit[1];
  }
  return null;
}

export const CONTENT_TYPES: Readonly<Record<OutputFormat, string>> = {
  delimited: DELIMITED,
  json: JSON_TYPE,
  'streamed-row': KSQL_V1_JSON,
};
