import { z } from 'zod';

/**
 * The standard AWS variables an S3 lake (`LAKE_DIR=s3://bucket/prefix`) is reached with, the names
 * every AWS tool reads. Parsed at a process edge, like envSchema, and handed to the lake's store.
 */
export const s3EnvSchema = z.object({
  /** an S3-compatible server such as SeaweedFS or MinIO, e.g. `http://127.0.0.1:8333`; unset = AWS */
  AWS_ENDPOINT_URL_S3: z.string().url().optional().describe('S3 endpoint of an S3-compatible server (SeaweedFS, MinIO); unset = AWS'),
  /** the endpoint for every AWS service; AWS_ENDPOINT_URL_S3 wins for S3 */
  AWS_ENDPOINT_URL: z.string().url().optional().describe('endpoint for every AWS service; AWS_ENDPOINT_URL_S3 wins for S3'),
  AWS_REGION: z.string().min(1).default('us-east-1').describe("the S3 lake's region"),
  /** unset = the SDK's default chain (profile, instance role…) */
  AWS_ACCESS_KEY_ID: z.string().min(1).optional().describe("the S3 lake's access key; unset = the SDK's default chain"),
  AWS_SECRET_ACCESS_KEY: z.string().min(1).optional().describe('its secret (never printed)'),
  AWS_SESSION_TOKEN: z.string().min(1).optional().describe('a session token, for temporary credentials (never printed)'),
});

export type S3Env = z.infer<typeof s3EnvSchema>;

/** How the lake's S3 client is built: an explicit endpoint means a compatible server, addressed path-style. */
export interface S3Settings {
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** `http://host/bucket/key` instead of `http://bucket.host/key`: what SeaweedFS and MinIO answer */
  forcePathStyle: boolean;
}

export function readS3Settings(source: NodeJS.ProcessEnv = process.env): S3Settings {
  return s3Settings(s3EnvSchema.parse(source));
}

/** The settings from variables already parsed (envSchema includes s3EnvSchema). */
export function s3Settings(env: S3Env): S3Settings {
  const endpoint = env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
  if (Boolean(env.AWS_ACCESS_KEY_ID) !== Boolean(env.AWS_SECRET_ACCESS_KEY)) {
    throw new Error('Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither (to use the default credential chain)');
  }
  const credentials = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
    ? { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) }
    : undefined;
  return { endpoint, region: env.AWS_REGION, credentials, forcePathStyle: endpoint !== undefined };
}
