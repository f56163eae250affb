import { describe, expect, it } from 'vitest';
import { resolveClientOptions } from '../../../ksqldb/client-options.js';
import { redactSecrets } from '../../../ksqldb/redact-secrets.js';
import { KsqlStatementError } from '../../../ksqldb/errors.js';

describe('resolveClientOptions', () => {
  it('fills the defaults', () => {
    const options = resolveClientOptions({ url: 'http://localhost:8088' });
    expect(options).toMatchObject({
      protocol: 'auto',
      format: 'delimited',
      connectTimeoutMs: 10_000,
      idleTimeoutMs: 60_000,
      authorization: null,
      secrets: [],
    });
    expect(options.baseUrl.href).toBe('http://localhost:8088/');
  });

  it('moves credentials out of the URL into the Basic header', () => {
    const options = resolveClientOptions({ url: 'https://alice:p%40ss-word@ksql.example:8088/prefix' });
    expect(options.baseUrl.href).toBe('https://ksql.example:8088/prefix');
    expect(options.authorization).toBe(`Basic ${Buffer.from('alice:p@ss-word').toString('base64')}`);
    expect(options.secrets).toContain('p@ss-word');
  });

  it('prefers explicit auth over URL credentials', () => {
    const options = resolveClientOptions({ url: 'http://a:url-secret@h:1', auth: { username: 'b', password: 'opt-secret' } });
    expect(options.authorization).toBe(`Basic ${Buffer.from('b:opt-secret').toString('base64')}`);
    expect(options.secrets).toEqual(expect.arrayContaining(['opt-secret', 'url-secret']));
  });

  it('rejects a bad URL without echoing it (it may hold a password)', () => {
    let message = '';
    try {
      resolveClientOptions({ url: 'ftp://bob:hunter2-secret@host' });
    } catch (error) {
      message = `${String(error)} ${JSON.stringify(error)}`;
    }
    expect(message).toMatch(/http:\/\/ or https:\/\//);
    expect(message).not.toContain('hunter2-secret');
  });

  it('rejects unknown protocol and format values', () => {
    expect(() => resolveClientOptions({ url: 'http://h', protocol: 'h3' as never })).toThrow();
    expect(() => resolveClientOptions({ url: 'http://h', format: 'csv' as never })).toThrow();
    expect(() => resolveClientOptions({ url: 'http://h', idleTimeoutMs: 0 })).toThrow();
  });
});

describe('redactSecrets', () => {
  it('masks secrets in message, stack, string fields and causes', () => {
    const cause = new Error('upstream said hunter22');
    const error = new KsqlStatementError({ endpoint: 'POST /ksql' }, 'echo: hunter22', {
      ksqlMessage: 'Authorization: Basic aHVudGVyMjI=',
      statementText: 'hunter22',
    });
    Object.defineProperty(error, 'cause', { value: cause });
    redactSecrets(error, ['hunter22', 'aHVudGVyMjI=']);
    const everything = `${JSON.stringify(error)} ${String(error)} ${error.stack} ${cause.message} ${cause.stack}`;
    expect(everything).not.toContain('hunter22');
    expect(everything).not.toContain('aHVudGVyMjI=');
    expect(error.message).toBe('POST /ksql: echo: ***');
  });
});
