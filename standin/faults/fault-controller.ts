import { faultRuleSchema, type FaultKind, type FaultRule, type ParsedFaultRule } from './fault-rule.js';

/** What a request offers for matching: its path and its SQL text, if any. */
export interface FaultContext {
  path: string;
  sql: string | null;
}

export interface ActiveRule {
  rule: ParsedFaultRule;
  /** requests left; null = until cleared */
  remaining: number | null;
}

/**
 * The list of armed fault rules. The first rule that matches a request and whose kind the
 * route can act on fires, and uses up one of its `times`.
 */
export class FaultController {
  private rules: ActiveRule[] = [];

  /** Arms a rule; throws a ZodError for an invalid one. */
  add(rule: FaultRule): void {
    const parsed = faultRuleSchema.parse(rule);
    this.rules.push({ rule: parsed, remaining: parsed.times === 0 ? null : parsed.times });
  }

  /** Disarms every rule; returns how many were armed. */
  clear(): number {
    const count = this.rules.length;
    this.rules = [];
    return count;
  }

  list(): ActiveRule[] {
    return this.rules.map((r) => ({ rule: { ...r.rule }, remaining: r.remaining }));
  }

  /** The rule to apply to this request, if any, counting it as used. */
  take(context: FaultContext, kinds: ReadonlySet<FaultKind>): ParsedFaultRule | undefined {
    const active = this.rules.find((r) => kinds.has(r.rule.fault) && matches(r.rule, context));
    if (!active) return undefined;
    if (active.remaining !== null && --active.remaining <= 0) {
      this.rules = this.rules.filter((r) => r !== active);
    }
    return active.rule;
  }
}

function matches(rule: ParsedFaultRule, context: FaultContext): boolean {
  const { path, sqlContains } = rule.match ?? {};
  if (path !== undefined && path !== context.path) return false;
  if (sqlContains !== undefined) {
    if (context.sql === null || !context.sql.toLowerCase().includes(sqlContains.toLowerCase())) return false;
  }
  return true;
}
