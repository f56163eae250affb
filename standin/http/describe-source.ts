import type { KsqlType } from '../../ksqldb/ksql-type.js';
import { SOURCES, type PersistentQuery, type SourceDefinition } from '../data/source-catalog.js';

/**
 * The `SourceDescription` object of DESCRIBE, fields in the order of ksqlDB's creator
 * (`ConsoleTest.testPrintSourceDescription.approved.json`).
 */
export function describeSource(source: SourceDefinition, extended: boolean): Record<string, unknown> {
  const readers = SOURCES.filter((s) => s.writeQuery?.sources.includes(source.name));
  return {
    name: source.name,
    windowType: null,
    readQueries: readers.map((s) => runningQuery(s.writeQuery!)),
    writeQueries: source.writeQuery ? [runningQuery(source.writeQuery)] : [],
    fields: source.columns.map((c) => ({ name: c.name, schema: describeSchema(c.type), ...(c.key ? { type: 'KEY' } : {}) })),
    type: source.kind,
    timestamp: source.timestampColumn,
    statistics: '',
    errorStats: '',
    extended,
    keyFormat: 'KAFKA',
    valueFormat: 'JSON',
    topic: source.topic,
    partitions: 6,
    replication: 1,
    statement: source.statement,
    queryOffsetSummaries: [],
    sourceConstraints: readers.map((s) => s.name),
    clusterStatistics: [],
    clusterErrorStats: [],
  };
}

/** `RunningQuery`, as in readQueries / writeQueries / SHOW QUERIES. */
export function runningQuery(query: PersistentQuery): Record<string, unknown> {
  return {
    queryString: SOURCES.find((s) => s.name === query.sink)!.statement,
    sinks: [query.sink],
    sinkKafkaTopics: [query.sinkTopic],
    id: query.id,
    statusCount: { RUNNING: 1 },
    queryType: 'PERSISTENT',
    state: 'RUNNING',
  };
}

/** DESCRIBE's schema object: `{type, fields, memberSchema}` (+ `parameters` for DECIMAL). */
export function describeSchema(type: KsqlType): Record<string, unknown> {
  switch (type.kind) {
    case 'scalar': return { type: type.name, fields: null, memberSchema: null };
    case 'decimal':
      return { type: 'DECIMAL', fields: null, memberSchema: null, parameters: { precision: type.precision, scale: type.scale } };
    case 'array': return { type: 'ARRAY', fields: null, memberSchema: describeSchema(type.element) };
    case 'map': return { type: 'MAP', fields: null, memberSchema: describeSchema(type.value) };
    case 'struct':
      return { type: 'STRUCT', fields: type.fields.map((f) => ({ name: f.name, schema: describeSchema(f.type) })), memberSchema: null };
  }
}
