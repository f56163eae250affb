import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromDescribeSchema, formatKsqlType, type DescribeSchema } from '../../ksqldb/ksql-type.js';
import { SOURCES, startStandin, type Standin } from '../../standin/index.js';
import { lines, queryStream, request, type Transport } from '../unit/standin/support/raw-http.js';

// POST /ksql entities, INSERT VALUES feeding the derived sources, and the small GET routes.
let standin: Standin;
beforeAll(async () => { standin = await startStandin({ rowsPerDay: 300 }); });
afterAll(() => standin.close());

async function ksql(statements: string, transport: Transport = 'http1') {
  const res = await request(transport, standin.url, { path: '/ksql', body: { ksql: statements, streamsProperties: {} } });
  return { ...res, entities: JSON.parse(res.body) as Array<Record<string, unknown>> };
}

describe('/ksql', () => {
  it('answers one entity per statement, application/json whatever the Accept', async () => {
    const res = await request('http2', standin.url, {
      path: '/ksql', body: { ksql: 'LIST STREAMS; SHOW TABLES; SHOW QUERIES;' }, headers: { accept: 'application/vnd.ksql.v1+json' },
    });
    expect(res.headers['content-type']).toBe('application/json');
    const [streams, tables, queries] = JSON.parse(res.body) as Array<Record<string, unknown>>;
    expect(streams).toEqual({
      '@type': 'streams', statementText: 'LIST STREAMS;',
      streams: ['TRANSACTION_STREAM', 'TRANSACTION_FLATTENED', 'TRANSACTION_STREAM_ANONYMIZED', 'TRANSACTION_STREAM_BLACKLISTED']
        .map((name) => ({ type: 'STREAM', name, topic: expect.any(String), keyFormat: 'KAFKA', valueFormat: 'JSON', isWindowed: false })),
      warnings: [],
    });
    expect(Object.keys((tables!.tables as object[])[0]!)).toEqual(['type', 'name', 'topic', 'keyFormat', 'valueFormat', 'isWindowed']);
    expect((tables!.tables as Array<{ name: string }>).map((t) => t.name)).toEqual([
      'BLACKLIST', 'USER_TRANSACTION_SUMMARY', 'USER_TRANSACTION_SUMMARY_EUR', 'PAYMENT_METHOD_TOTALS', 'PRODUCT_PURCHASE_COUNTS',
    ]);
    expect((queries!.queries as Array<{ id: string }>).map((q) => q.id)).toContain('CTAS_USER_TRANSACTION_SUMMARY_5');
  });

  it.each(SOURCES.map((s) => s.name))('DESCRIBE %s: full shape, KEY marks, schema objects that round-trip', async (name) => {
    const { entities } = await ksql(`DESCRIBE ${name.toLowerCase()};`);
    const entity = entities[0]!;
    expect(Object.keys(entity)).toEqual(['@type', 'statementText', 'sourceDescription', 'warnings']);
    const description = entity.sourceDescription as Record<string, unknown>;
    expect(Object.keys(description)).toEqual([
      'name', 'windowType', 'readQueries', 'writeQueries', 'fields', 'type', 'timestamp', 'statistics', 'errorStats',
      'extended', 'keyFormat', 'valueFormat', 'topic', 'partitions', 'replication', 'statement', 'queryOffsetSummaries',
      'sourceConstraints', 'clusterStatistics', 'clusterErrorStats',
    ]);
    const source = SOURCES.find((s) => s.name === name)!;
    const fields = description.fields as Array<{ name: string; schema: DescribeSchema; type?: string }>;
    expect(fields.map((f) => f.name)).toEqual(source.columns.map((c) => c.name));
    expect(fields.map((f) => formatKsqlType(fromDescribeSchema(f.schema)))).toEqual(source.columns.map((c) => formatKsqlType(c.type)));
    expect(fields.map((f) => f.type ?? null)).toEqual(source.columns.map((c) => (c.key ? 'KEY' : null)));
  });

  it('describes PRODUCTS with memberSchema and struct fields', async () => {
    const { entities } = await ksql('DESCRIBE transaction_stream EXTENDED;');
    const description = entities[0]!.sourceDescription as Record<string, unknown>;
    expect(description.extended).toBe(true);
    expect(description.timestamp).toBe('TIMESTAMP');
    const products = (description.fields as Array<{ name: string; schema: unknown }>).find((f) => f.name === 'PRODUCTS')!;
    expect(products.schema).toEqual({
      type: 'ARRAY', fields: null,
      memberSchema: {
        type: 'STRUCT', memberSchema: null,
        fields: [
          { name: 'PRODUCT_ID', schema: { type: 'STRING', fields: null, memberSchema: null } },
          { name: 'NAME', schema: { type: 'STRING', fields: null, memberSchema: null } },
          { name: 'CATEGORY', schema: { type: 'STRING', fields: null, memberSchema: null } },
          { name: 'QUANTITY', schema: { type: 'INTEGER', fields: null, memberSchema: null } },
          { name: 'UNIT_PRICE', schema: { type: 'DOUBLE', fields: null, memberSchema: null } },
        ],
      },
    });
    expect((description.readQueries as Array<{ id: string }>).map((q) => q.id))
      .toEqual(['CSAS_TRANSACTION_FLATTENED_1', 'CSAS_TRANSACTION_STREAM_ANONYMIZED_2', 'CSAS_TRANSACTION_STREAM_BLACKLISTED_4', 'CTAS_USER_TRANSACTION_SUMMARY_5', 'CTAS_USER_TRANSACTION_SUMMARY_EUR_6', 'CTAS_PAYMENT_METHOD_TOTALS_7']);
  });

  it('SHOW STREAMS EXTENDED / DESCRIBE TABLES give source_descriptions', async () => {
    const { entities } = await ksql('SHOW STREAMS EXTENDED; DESCRIBE TABLES;');
    expect(entities.map((e) => e['@type'])).toEqual(['source_descriptions', 'source_descriptions']);
    expect((entities[1]!.sourceDescriptions as unknown[]).length).toBe(5);
  });
});

describe('INSERT INTO … VALUES feeds the derived sources', () => {
  it('a new transaction shows up in the stream, the flattened stream and the tables; [] is the answer', async () => {
    const before = standin.dataset.transactions.length;
    const res = await ksql(
      "INSERT INTO transaction_stream (transaction_id, user_id, amount, currency, payment_method, card_number, ip_address, products, timestamp) "
      + "VALUES ('tx-900001', 'user-9999', 30.0, 'EUR', 'PAYPAL', '5500-0000-0000-0004', '198.51.100.23', "
      + "ARRAY[STRUCT(product_id := 'p-200', name := 'Mouse', category := 'electronics', quantity := 2, unit_price := 15.0)], 1795500000000);",
      'http2',
    );
    expect(res.status).toBe(200);
    expect(res.entities).toEqual([]);
    expect(standin.dataset.transactions).toHaveLength(before + 1);

    const summary = await queryStream('http1', standin.url, "SELECT * FROM user_transaction_summary WHERE user_id = 'user-9999';");
    expect(lines(summary.body)[1]).toBe('["user-9999",1,30.0,30.0,30.0,"EUR",1795500000000]');
    const flat = await queryStream('http1', standin.url, "SELECT product_name, quantity FROM transaction_flattened WHERE transaction_id = 'tx-900001';");
    expect(lines(flat.body).slice(1)).toEqual(['["Mouse",2]']);
    const product = await queryStream('http1', standin.url, "SELECT * FROM product_purchase_counts WHERE product_id = 'p-200';");
    expect(lines(product.body)[1]).toBe('["p-200","Mouse",1,2]');
  });

  it('a blacklist entry joins only the transactions that arrive after it', async () => {
    const insert = (id: string) => ksql(
      `INSERT INTO transaction_stream (transaction_id, user_id, amount, currency, payment_method, card_number, ip_address, products, timestamp) `
      + `VALUES ('${id}', 'user-4242', 10.5, 'USD', 'APPLE_PAY', '4111-1111-1111-1111', '10.0.0.1', ARRAY[], 1795500000001);`,
    );
    await insert('tx-before');
    await ksql("INSERT INTO blacklist (user_id, reason, added_at) VALUES ('user-4242', 'test fraud', 1795500000000);");
    await insert('tx-after');
    const res = await queryStream('http1', standin.url, "SELECT transaction_id, blacklist_reason FROM transaction_stream_blacklisted WHERE user_id = 'user-4242';");
    expect(lines(res.body).slice(1)).toEqual(['["tx-after","test fraud"]']);
    expect(standin.dataset.blacklist.some((b) => b.user_id === 'user-4242')).toBe(true);
  });

  it('refuses inserts into derived sources and unknown columns', async () => {
    const derived = await ksql("INSERT INTO payment_method_totals (payment_method) VALUES ('X');");
    expect(derived.status).toBe(400);
    const unknown = await ksql("INSERT INTO blacklist (user_id, nope) VALUES ('u', 'x');");
    expect((unknown.entities as unknown as { message: string }).message).toBe('Column name NOPE does not exist.');
  });
});

describe('GET routes', () => {
  it.each<Transport>(['http1', 'http2'])('/info, /healthcheck and / over %s', async (transport) => {
    const info = await request(transport, standin.url, { path: '/info' });
    expect(info.headers['content-type']).toBe('application/json');
    expect(JSON.parse(info.body)).toEqual({
      KsqlServerInfo: { version: '7.5.0', kafkaClusterId: expect.any(String), ksqlServiceId: 'default_', serverStatus: 'RUNNING' },
    });
    const health = await request(transport, standin.url, { path: '/healthcheck' });
    expect(JSON.parse(health.body)).toEqual({
      isHealthy: true,
      details: { metastore: { isHealthy: true }, kafka: { isHealthy: true }, commandRunner: { isHealthy: true } },
      serverState: 'READY',
    });
    const root = await request(transport, standin.url, { path: '/' });
    expect(root.status).toBe(307);
    expect(root.headers.location).toBe('/info');
  });
});
