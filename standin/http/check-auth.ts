import { FORBIDDEN, UNAUTHORIZED } from '../wire/error-bodies.js';
import type { Exchange } from './exchange.js';
import { sendFailure } from './respond.js';

/** HTTP Basic credentials the stand-in accepts; `forbidden` authenticates but has no role. */
export interface AuthConfig {
  username: string;
  password: string;
  forbidden?: { username: string; password: string };
}

/**
 * ksqlDB's Basic-auth outcomes: no (or non-Basic) credentials → 401 without a challenge; wrong
 * credentials → 401 with `WWW-Authenticate: Basic realm=""`; a user without an allowed role → 403.
 * Returns true when the request may proceed (the response has been sent otherwise).
 */
export function checkAuth(ex: Exchange, auth: AuthConfig): boolean {
  const header = ex.headers.authorization;
  const match = header ? /^Basic\s+(\S+)\s*$/i.exec(header) : null;
  if (!match) {
    sendFailure(ex, 401, UNAUTHORIZED);
    return false;
  }
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon < 0 ? decoded.length : colon);
  const password = colon < 0 ? '' : decoded.slice(colon + 1);
  if (user === auth.username && password === auth.password) return true;
  if (auth.forbidden && user === auth.forbidden.username && password === auth.forbidden.password) {
    sendFailure(ex, 403, FORBIDDEN);
    return false;
  }
  sendFailure(ex, 401, UNAUTHORIZED, { 'www-authenticate': 'Basic realm=""' });
  return false;
}
