import { ApplicationFailure } from '@temporalio/common';
import { describe, expect, it } from 'vitest';
import { classified, toActivityFailure } from '../../../activities/to-activity-failure.js';
import { FeedConfigError } from '../../../config/errors.js';
import { KsqlStatementError, KsqlUnavailableError } from '../../../ksqldb/errors.js';
import { LakeIoError, LakeSchemaError } from '../../../lake/index.js';

const QUERY = { endpoint: 'POST /query-stream', statement: 'SELECT * FROM transaction_stream;' };

function failure(err: unknown): ApplicationFailure {
  const result = toActivityFailure(err);
  expect(result).toBeInstanceOf(ApplicationFailure);
  return result as ApplicationFailure;
}

describe('toActivityFailure', () => {
  it('makes a terminal library error a non-retryable failure typed by its class name', () => {
    const err = new KsqlStatementError(QUERY, 'Stream TRANSACTION_STREAM does not exist', { status: 400, errorCode: 40001 });
    const result = failure(err);
    expect(result).toMatchObject({ type: 'KsqlStatementError', nonRetryable: true, message: err.message });
    expect(failure(new FeedConfigError('feeds/x.json', ['slot: expected a duration']))).toMatchObject({
      type: 'FeedConfigError',
      nonRetryable: true,
    });
  });

  it('keeps a retryable error retryable, with the server\'s Retry-After as the next delay', () => {
    const err = new KsqlUnavailableError(QUERY, '429 Too Many Requests', { status: 429, errorCode: 42900, retryAfterMs: 3000 });
    expect(failure(err)).toMatchObject({ type: 'KsqlUnavailableError', nonRetryable: false, nextRetryDelay: 3000 });
    expect(failure(new LakeIoError('IO Error: disk full'))).toMatchObject({ type: 'LakeIoError', nonRetryable: false, nextRetryDelay: undefined });
  });

  it('never carries the cause chain (rows, driver internals) into history', () => {
    const raw = new Error("Conversion Error: Could not convert string 'row 17: secret' to INT32");
    const result = failure(new LakeSchemaError('COPY slot: conversion', { cause: raw }));
    expect(result.cause).toBeUndefined();
    expect(result.details ?? []).toEqual([]);
    expect(JSON.stringify(result)).not.toContain('secret');
  });

  it('retries an unclassified Error under its own name', () => {
    expect(failure(new TypeError('x is undefined'))).toMatchObject({ type: 'TypeError', nonRetryable: false });
  });

  it('passes an ApplicationFailure and a non-Error through untouched', () => {
    const already = ApplicationFailure.nonRetryable('bad kind', 'BadFeedKind');
    expect(toActivityFailure(already)).toBe(already);
    expect(toActivityFailure('a string')).toBe('a string');
  });

  it('classified() rethrows what the body throws, classed', async () => {
    const thrown = await classified(async () => {
      throw new LakeSchemaError('Binder Error: column "amount" not found');
    }).catch((err: unknown) => err);
    expect(thrown).toBeInstanceOf(ApplicationFailure);
    expect(thrown).toMatchObject({ type: 'LakeSchemaError', nonRetryable: true });
    await expect(classified(async () => 7)).resolves.toBe(7);
  });
});
