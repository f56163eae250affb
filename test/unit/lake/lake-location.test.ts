import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readS3Settings } from '../../../config/s3-env.js';
import { parseLakeLocation } from '../../../lake/storage/lake-location.js';

describe('parseLakeLocation', () => {
  it('takes a path or a file: URL as a local folder', () => {
    expect(parseLakeLocation('./data/lake')).toEqual({ kind: 'local', root: resolve('data/lake') });
    expect(parseLakeLocation('file:///srv/lake')).toEqual({ kind: 'local', root: '/srv/lake' });
  });

  it('takes s3://bucket/prefix, with or without a prefix and trailing slashes', () => {
    expect(parseLakeLocation('s3://etl-lake/prod/lake/')).toEqual({ kind: 's3', bucket: 'etl-lake', prefix: 'prod/lake' });
    expect(parseLakeLocation('S3://etl-lake')).toEqual({ kind: 's3', bucket: 'etl-lake', prefix: '' });
  });

  it('refuses what it cannot serve, saying what it wants', () => {
    expect(() => parseLakeLocation('')).toThrow(/empty.*s3:\/\/bucket\/prefix/);
    expect(() => parseLakeLocation('gs://bucket/x')).toThrow(/Unsupported lake location gs:\/\/bucket\/x/);
    expect(() => parseLakeLocation('s3://')).toThrow(/Not an S3 bucket name/);
    expect(() => parseLakeLocation('s3://Upper_Case/x')).toThrow(/Not an S3 bucket name.*Upper_Case/);
    expect(() => parseLakeLocation('s3://bucket/a//b')).toThrow(/Bad prefix/);
    expect(() => parseLakeLocation('s3://bucket/../b')).toThrow(/Bad prefix/);
  });
});

describe('readS3Settings', () => {
  it('reads the standard AWS variables; a custom endpoint is addressed path-style', () => {
    expect(readS3Settings({ AWS_ENDPOINT_URL: 'http://127.0.0.1:8333', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's' })).toEqual({
      endpoint: 'http://127.0.0.1:8333',
      region: 'us-east-1',
      credentials: { accessKeyId: 'k', secretAccessKey: 's' },
      forcePathStyle: true,
    });
    expect(readS3Settings({ AWS_ENDPOINT_URL: 'http://other:1', AWS_ENDPOINT_URL_S3: 'http://s3:8333', AWS_REGION: 'eu-west-1' })).toMatchObject({
      endpoint: 'http://s3:8333',
      region: 'eu-west-1',
      credentials: undefined,
    });
    expect(readS3Settings({})).toEqual({ endpoint: undefined, region: 'us-east-1', credentials: undefined, forcePathStyle: false });
  });

  it('refuses half a key pair', () => {
    expect(() => readS3Settings({ AWS_ACCESS_KEY_ID: 'k' })).toThrow(/both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/);
  });
});
