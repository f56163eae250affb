import { describe, expect, it } from 'vitest';
import { classifyS3Error, type S3RequestContext } from '../../../lake/storage/classify-s3-error.js';

const CONTEXT: S3RequestContext = { request: 'PUT streams/f/x.parquet', location: 's3://lake-bucket/prod', bucket: 'lake-bucket', endpoint: 'https://s3.example.test' };

/** An error shaped as the S3 SDK throws them: the code as `name`, the status in `$metadata`. */
function sdkError(name: string, status?: number): Error {
  return Object.assign(new Error(`server said ${name}`), { name, $metadata: { httpStatusCode: status } });
}
const classify = (err: unknown) => classifyS3Error(err, CONTEXT) as Error & { retryable?: boolean };

describe('classifyS3Error', () => {
  it.each([
    ['InvalidAccessKeyId', 403, 'AWS_ACCESS_KEY_ID'],
    ['SignatureDoesNotMatch', 403, 'AWS_SECRET_ACCESS_KEY'],
    ['AccessDenied', 403, 'lake-bucket'],
    ['ExpiredToken', 400, 'AWS_SESSION_TOKEN'],
  ])('%s is a terminal access error naming %s', (code, status, names) => {
    const err = classify(sdkError(code, status));
    expect(err).toMatchObject({ name: 'ObjectStoreAccessError', retryable: false });
    expect(err.message).toContain(names);
    expect(err.message).toContain('https://s3.example.test');
    expect(err.message).toContain('s3://lake-bucket/prod');
    expect(err.message).toContain(`(${code}, HTTP ${status})`);
  });

  it('a 403 without a code (a HEAD has no body) is an access error too, and says no made-up code', () => {
    const err = classify(sdkError('Unknown', 403));
    expect(err).toMatchObject({ name: 'ObjectStoreAccessError', retryable: false });
    expect(err.message).toContain('failed (HTTP 403)');
  });

  it.each([
    ['NoSuchBucket', 404, 'LAKE_DIR'],
    ['PermanentRedirect', 301, 'AWS_REGION'],
    ['AuthorizationHeaderMalformed', 400, 'AWS_REGION'],
    ['InvalidRequest', 400, 'AWS_ENDPOINT_URL_S3'],
    ['NotImplemented', 501, 'conditional writes'],
  ])('%s is a terminal configuration error naming %s', (code, status, names) => {
    const err = classify(sdkError(code, status));
    expect(err).toMatchObject({ name: 'ObjectStoreConfigError', retryable: false });
    expect(err.message).toContain(names);
  });

  it.each([
    ['SlowDown', 503],
    ['InternalError', 500],
    ['ServiceUnavailable', 503],
    ['RequestTimeout', 400],
    ['TimeoutError', undefined],
    ['Whatever', 502],
    ['TooManyRequests', 429],
  ])('%s (HTTP %s) is retried', (code, status) => {
    expect(classify(sdkError(code, status))).toMatchObject({ name: 'ObjectStoreUnavailableError', retryable: true });
  });

  it('a reset connection, known by its Node code, is retried', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classify(reset)).toMatchObject({ name: 'ObjectStoreUnavailableError', retryable: true });
  });

  it('leaves what the store handles itself, and what it does not know, as they are', () => {
    for (const err of [sdkError('NoSuchKey', 404), sdkError('NotFound', 404), sdkError('PreconditionFailed', 412), sdkError('ConditionalRequestConflict', 409), new Error('odd')]) {
      expect(classify(err)).toBe(err);
    }
    expect(classify('not an error')).toBe('not an error');
  });
});
