import { ObjectStoreAccessError, ObjectStoreConfigError, ObjectStoreUnavailableError } from './errors.js';

/** Where a failed S3 request went, for a message a person can act on (never a credential). */
export interface S3RequestContext {
  /** e.g. `PUT streams/f/date=…/f__1.parquet` */
  request: string;
  /** the lake, `s3://bucket/prefix` */
  location: string;
  bucket: string;
  /** the server, e.g. `http://127.0.0.1:8333`, or `AWS S3 (eu-west-1)` */
  endpoint: string;
}

const CREDENTIALS = 'AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (AWS_SESSION_TOKEN for temporary credentials)';

/** S3 error codes (the SDK's `name`) that no retry fixes, with the setting to look at. */
const ACCESS_CODES: Record<string, (c: S3RequestContext) => string> = {
  InvalidAccessKeyId: (c) => `${c.endpoint} does not know the access key in AWS_ACCESS_KEY_ID`,
  SignatureDoesNotMatch: (c) => `${c.endpoint} says the request's signature does not match: AWS_SECRET_ACCESS_KEY is not the secret of AWS_ACCESS_KEY_ID`,
  AccessDenied: (c) => `the credentials in ${CREDENTIALS} may not do this on bucket ${c.bucket}: grant them read, write, list and delete there, or set other credentials`,
  ExpiredToken: () => 'the session token in AWS_SESSION_TOKEN has expired: set fresh temporary credentials',
  InvalidToken: () => 'the session token in AWS_SESSION_TOKEN is not valid: set fresh temporary credentials',
  TokenRefreshRequired: () => 'the session token in AWS_SESSION_TOKEN must be refreshed: set fresh temporary credentials',
  AllAccessDisabled: (c) => `all access to bucket ${c.bucket} is disabled on ${c.endpoint}`,
  CredentialsProviderError: () => `no credentials were found: set ${CREDENTIALS}, or give the process an AWS profile or role`,
};

const CONFIG_CODES: Record<string, (c: S3RequestContext) => string> = {
  NoSuchBucket: (c) => `bucket ${c.bucket} does not exist on ${c.endpoint}: create it, or fix the bucket in LAKE_DIR (or AWS_ENDPOINT_URL_S3)`,
  InvalidBucketName: (c) => `${c.bucket} is not a valid bucket name: fix LAKE_DIR`,
  PermanentRedirect: (c) => `bucket ${c.bucket} is in another region than AWS_REGION: set AWS_REGION to the bucket's region`,
  AuthorizationHeaderMalformed: () => 'the request was signed for another region than the bucket\'s: set AWS_REGION to the bucket\'s region',
  NotImplemented: (c) => `${c.endpoint} does not implement this request; the lake needs PUT with If-Match / If-None-Match (conditional writes) for its metadata commits: use a store that supports them (AWS S3, SeaweedFS, MinIO), or a folder lake`,
  InvalidRequest: (c) => `${c.endpoint} refused the request as invalid: check AWS_ENDPOINT_URL_S3, AWS_REGION and LAKE_DIR`,
  InvalidArgument: (c) => `${c.endpoint} refused an argument of the request: check AWS_ENDPOINT_URL_S3, AWS_REGION and LAKE_DIR`,
};

const TRANSIENT_CODES = new Set([
  'SlowDown', 'Throttling', 'ThrottlingException', 'RequestThrottled', 'TooManyRequestsException', 'RequestLimitExceeded',
  'InternalError', 'ServiceUnavailable', 'RequestTimeout', 'RequestTimeoutException', 'TimeoutError',
  'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED', 'UND_ERR_SOCKET',
]);

/**
 * The lake's one reading of an S3 client error: a terminal error (access, configuration) that names
 * the endpoint, the bucket and the setting to fix, a retryable one for what passes (throttling, 5xx,
 * timeouts, resets), or the error itself when it means something the store handles (404 on a key,
 * 412 of a lost compare-and-swap) or is not recognised (retried, as unknown errors are). Hand-written
 * because the SDK classes only what its own retries need, not what a person must change.
 */
export function classifyS3Error(err: unknown, context: S3RequestContext): unknown {
  if (!(err instanceof Error)) return err;
  const code = codeOf(err);
  const status = statusOf(err);
  // a HEAD's refusal has no body, so the SDK names it `Unknown`: say only what is known
  const said = [/^Unknown/.test(code) ? null : code, status ? `HTTP ${status}` : null].filter(Boolean).join(', ');
  const what = `S3 ${context.request} in ${context.location} on ${context.endpoint} failed${said ? ` (${said})` : ''}`;
  const access = ACCESS_CODES[code];
  if (access) return new ObjectStoreAccessError(`${what}: ${access(context)}`);
  const config = CONFIG_CODES[code];
  if (config) return new ObjectStoreConfigError(`${what}: ${config(context)}`);
  // A HEAD answers without a body, so its refusal has no code: the status alone says it.
  if (status === 403 || status === 401) {
    return new ObjectStoreAccessError(`${what}: the server refused the credentials in ${CREDENTIALS} or their permissions on bucket ${context.bucket}`);
  }
  if (status === 501) return new ObjectStoreConfigError(`${what}: ${CONFIG_CODES.NotImplemented!(context)}`);
  if (TRANSIENT_CODES.has(code) || (status !== undefined && (status >= 500 || status === 429))) {
    return new ObjectStoreUnavailableError(`${what}: the store is busy or unreachable; the request is retried`);
  }
  return err;
}

function codeOf(err: Error): string {
  const withCode = err as Error & { Code?: unknown; code?: unknown };
  for (const candidate of [withCode.Code, withCode.code]) if (typeof candidate === 'string' && candidate) return candidate;
  return err.name;
}

function statusOf(err: Error): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
}
