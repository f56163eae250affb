import { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../config/s3-env.js';
import type { LakeLocation } from './lake-location.js';
import { LocalObjectStore } from './local-object-store.js';
import type { ObjectStore } from './object-store.js';
import { S3ObjectStore, type S3ObjectStoreOptions } from './s3-object-store.js';

/** The store for a parsed lake location; `s3` settings are only used for an `s3://` location. */
export function openObjectStore(
  location: LakeLocation,
  s3: S3Settings,
  tuning: Pick<S3ObjectStoreOptions, 'partSize' | 'queueSize' | 'casMaxRetries'> = {},
): ObjectStore {
  if (location.kind === 'local') return new LocalObjectStore(location.root);
  return new S3ObjectStore({ client: createS3Client(s3), bucket: location.bucket, prefix: location.prefix, ...tuning });
}

export function createS3Client(s3: S3Settings): S3Client {
  return new S3Client({ endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials, forcePathStyle: s3.forcePathStyle });
}
