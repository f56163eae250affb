import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the lake lives: one setting (`LAKE_DIR`), a local path or an `s3://bucket/prefix` URL. */
export type LakeLocation = { kind: 'local'; root: string } | { kind: 's3'; bucket: string; prefix: string };

/** S3's bucket naming rules (3–63 characters, lowercase letters, digits, dots and hyphens). */
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/**
 * Parses the lake location: `s3://bucket` or `s3://bucket/some/prefix` (trailing slashes
 * ignored), a `file:` URL, or a path (relative to the working directory). Any other scheme is
 * refused rather than taken for a folder named `gs:`.
 */
export function parseLakeLocation(text: string): LakeLocation {
  const value = text.trim();
  if (value === '') throw new Error('The lake location is empty: set LAKE_DIR to a folder or to s3://bucket/prefix');
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined) return { kind: 'local', root: resolve(value) };
  if (scheme === 'file') return { kind: 'local', root: fileURLToPath(value) };
  if (scheme !== 's3') throw new Error(`Unsupported lake location ${value}: use a folder path or s3://bucket/prefix`);

  const rest = value.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const prefix = (slash < 0 ? '' : rest.slice(slash + 1)).replace(/\/+$/, '');
  if (!BUCKET.test(bucket) || bucket.includes('..')) {
    throw new Error(`Not an S3 bucket name in lake location ${value}: "${bucket}" (3-63 lowercase letters, digits, dots or hyphens)`);
  }
  if (prefix !== '' && prefix.split('/').some((s) => s === '' || s === '.' || s === '..')) {
    throw new Error(`Bad prefix in lake location ${value}: no empty, "." or ".." segments`);
  }
  return { kind: 's3', bucket, prefix };
}
