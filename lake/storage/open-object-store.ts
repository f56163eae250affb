import type { S3Client } from '@aws-sdk/client-s3';
import type { S3Settings } from '../../config/s3-env.js';
import type { LakeLocation } from './lake-location.js';
import { LocalObjectStore } from './local-object-store.js';
import type { ObjectStore } from './object-store.js';
import type { S3ObjectStoreOptions } from './s3-object-store.js';

/**
 * The store for a parsed lake location; `s3` settings are only used for an `s3://` location. The S3
 * SDK is loaded only then: a worker on a folder lake holds about 20 MB less without it.
 */
export async function openObjectStore(
  location: LakeLocation,
  s3: S3Settings,
  tuning: Pick<S3ObjectStoreOptions, 'partSize' | 'queueSize' | 'casMaxRetries'> = {},
): Promise<ObjectStore> {
  if (location.kind === 'local') return new LocalObjectStore(location.root);
  const { S3ObjectStore } = await import('./s3-object-store.js');
  const endpoint = s3.endpoint ?? `AWS S3 (${s3.region})`;
  return new S3ObjectStore({ client: await createS3Client(s3), bucket: location.bucket, prefix: location.prefix, endpoint, ...tuning });
}

async function createS3Client(s3: S3Settings): Promise<S3Client> {
  const { S3Client } = await import('@aws-sdk/client-s3');
  return new S3Client({ endpoint: s3.endpoint, region: s3.region, credentials: s3.credentials, forcePathStyle: s3.forcePathStyle });
}
