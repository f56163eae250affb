import { z } from 'zod';
import { faultRuleSchema } from '../faults/fault-rule.js';
import type { Exchange } from './exchange.js';
import { sendJson } from './respond.js';
import type { StandinContext } from './standin-context.js';

/**
 * /_standin/faults: arm (POST one rule or `{rules:[…]}`), list (GET) and clear (DELETE) fault
 * rules from another process. Not part of ksqlDB: never behind auth, never faulted itself.
 */
const postBodySchema = z.union([z.object({ rules: z.array(faultRuleSchema) }).strict(), faultRuleSchema]);

export function faultsRoute(ex: Exchange, ctx: StandinContext): void {
  if (ex.path !== '/_standin/faults') return sendJson(ex, 404, { error: `no such stand-in route ${ex.path}` });
  if (ex.method === 'GET') {
    return sendJson(ex, 200, { rules: ctx.faults.list().map((r) => ({ ...r.rule, remaining: r.remaining })) });
  }
  if (ex.method === 'DELETE') return sendJson(ex, 200, { cleared: ctx.faults.clear() });
  if (ex.method !== 'POST') return sendJson(ex, 405, { error: `${ex.method} not allowed` });

  let body: unknown;
  try {
    body = JSON.parse(ex.body.toString('utf8'));
  } catch {
    return sendJson(ex, 400, { error: 'body is not JSON' });
  }
  const parsed = postBodySchema.safeParse(body);
  if (!parsed.success) return sendJson(ex, 400, { error: z.prettifyError(parsed.error) });
  const rules = 'rules' in parsed.data ? parsed.data.rules : [parsed.data];
  rules.forEach((rule) => ctx.faults.add(rule));
  sendJson(ex, 200, { added: rules.length });
}
