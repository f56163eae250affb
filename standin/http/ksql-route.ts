import { SOURCES, findSource, persistentQueries } from '../data/source-catalog.js';
import { parseStatements, type Statement } from '../sql/parse-statements.js';
import { KsqlStatementError } from '../sql/ksql-statement-error.js';
import { statementError } from '../wire/error-bodies.js';
import { describeSource, runningQuery } from './describe-source.js';
import type { Exchange } from './exchange.js';
import { prepareInsert } from './prepare-insert.js';
import { parseBody } from './request-body.js';
import { sendFailure, sendJson } from './respond.js';
import type { StandinContext } from './standin-context.js';

/**
 * POST /ksql: one entity per statement, `application/json` whatever the Accept. Every statement
 * is validated before any runs (ksqlDB's sandbox pass), so a bad second statement means the
 * first did nothing either.
 */
const QUERY_ENDPOINT_MESSAGE =
  "The following statement types should be issued to the websocket endpoint '/query':\n\t* PRINT\n\t* SELECT";

export function ksqlRoute(ex: Exchange, ctx: StandinContext): void {
  const parsed = parseBody(ex.body, 'KsqlRequest', 'ksql');
  if (!parsed.ok) return sendFailure(ex, 400, parsed.error);
  const ksql = String(parsed.value.ksql);

  let statements: Statement[];
  try {
    statements = parseStatements(ksql);
  } catch (error) {
    if (!(error instanceof KsqlStatementError)) throw error;
    return sendJson(ex, 400, statementError(error.errorCode, error.message, ksql));
  }
  const runs: Array<() => unknown> = [];
  for (const statement of statements) {
    try {
      runs.push(prepare(statement, ctx));
    } catch (error) {
      if (!(error instanceof KsqlStatementError)) throw error;
      return sendJson(ex, 400, statementError(error.errorCode, error.message, statement.text));
    }
  }
  // INSERT VALUES yields no entity: ksqlDB answers it with nothing in the array.
  sendJson(ex, 200, runs.map((run) => run()).filter((entity) => entity !== undefined));
}

function prepare(statement: Statement, ctx: StandinContext): () => unknown {
  const base = { statementText: statement.text };
  switch (statement.kind) {
    case 'list': {
      if (statement.what === 'QUERIES') {
        return () => ({ '@type': 'queries', ...base, queries: persistentQueries().map(runningQuery), warnings: [] });
      }
      const kind = statement.what === 'STREAMS' ? 'STREAM' : 'TABLE';
      const sources = SOURCES.filter((s) => s.kind === kind);
      if (statement.extended) return () => descriptions(base, sources.map((s) => describeSource(s, true)));
      const key = statement.what.toLowerCase();
      return () => ({
        '@type': key, ...base,
        [key]: sources.map((s) => ({ type: s.kind, name: s.name, topic: s.topic, keyFormat: 'KAFKA', valueFormat: 'JSON', isWindowed: false })),
        warnings: [],
      });
    }
    case 'describeAll': {
      const kind = statement.what === 'STREAMS' ? 'STREAM' : 'TABLE';
      const all = SOURCES.filter((s) => s.kind === kind).map((s) => describeSource(s, statement.extended));
      return () => descriptions(base, all);
    }
    case 'describe': {
      const source = findSource(statement.target);
      if (!source) throw new KsqlStatementError(`Could not find STREAM/TABLE '${statement.target}' in the Metastore`);
      return () => ({ '@type': 'sourceDescription', ...base, sourceDescription: describeSource(source, statement.extended), warnings: [] });
    }
    case 'select': case 'print':
      throw new KsqlStatementError(QUERY_ENDPOINT_MESSAGE, 40002);
    case 'insertValues': {
      const run = prepareInsert(statement.target, statement.columns, statement.values, ctx.store);
      return () => { run(); return undefined; };
    }
    case 'unsupported':
      throw refusal(statement.keyword, statement.words);
  }
}

function descriptions(base: { statementText: string }, sourceDescriptions: unknown[]): unknown {
  return { '@type': 'source_descriptions', ...base, sourceDescriptions, warnings: [] };
}

/** CREATE of a source that exists gets ksqlDB's refusal; anything else is beyond the stand-in. */
function refusal(keyword: string, words: string[]): KsqlStatementError {
  if (keyword === 'CREATE') {
    const kindAt = words.findIndex((w) => w === 'STREAM' || w === 'TABLE');
    const name = words[kindAt + 1] === 'IF' ? words[kindAt + 4] : words[kindAt + 1];
    const existing = name ? findSource(name) : undefined;
    if (existing) {
      const kind = existing.kind.toLowerCase();
      return new KsqlStatementError(`Cannot add ${kind} '${existing.name}': A ${kind} with the same name already exists`);
    }
  }
  return new KsqlStatementError(`The ksqlDB stand-in does not support ${words.slice(0, 2).join(' ') || keyword} statements: `
    + 'its sources are fixed (see ksql/*.sql).');
}
