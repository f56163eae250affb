import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAILURE_TYPES, FailureType, NON_RETRYABLE_TYPES } from '../../../config/failure-types.js';
import { lakeExport, warehouseLoad } from '../../../workflows/activity-options.js';
import { REPO_ROOT } from '../../helpers/services.js';

/** Each library's errors module: every class it exports is a failure an activity can end with. */
const ERROR_MODULES = ['ksqldb/errors.ts', 'lake/common/errors.ts', 'lake/storage/errors.ts', 'warehouse/errors.ts', 'config/errors.ts'];

type ErrorClass = new (...args: unknown[]) => Error;

/**
 * The error classes the modules export, found by walking their exports so a new class without a
 * table entry fails here. A class another exported class extends (KsqlError) is a base, never thrown.
 */
async function thrownErrorClasses(): Promise<Array<{ module: string; cls: ErrorClass }>> {
  const found: Array<{ module: string; cls: ErrorClass }> = [];
  for (const module of ERROR_MODULES) {
    const exports = (await import(join(REPO_ROOT, module))) as Record<string, unknown>;
    const classes = Object.values(exports).filter(
      (value): value is ErrorClass => typeof value === 'function' && value.prototype instanceof Error,
    );
    const bases = new Set(classes.map((cls) => Object.getPrototypeOf(cls) as unknown));
    for (const cls of classes) if (!bases.has(cls)) found.push({ module, cls });
  }
  return found;
}

/** Constructor shapes of the libraries' errors: (context, detail, server), (file, problems), (message). */
const ARGUMENT_SHAPES: unknown[][] = [[{ endpoint: 'POST /query-stream' }, 'detail', {}], ['feeds/x.json', ['a problem']], ['message']];

function instantiate(cls: ErrorClass): Error {
  for (const args of ARGUMENT_SHAPES) {
    try {
      return new cls(...args);
    } catch {
      // this class takes another shape
    }
  }
  throw new Error(`cannot construct ${cls.name} with any known argument shape`);
}

describe('the failure table', () => {
  it('finds the classes of every library (the walk itself works)', async () => {
    const names = (await thrownErrorClasses()).map(({ cls }) => cls.name);
    expect(names).toEqual(expect.arrayContaining(['KsqlStatementError', 'LakeIoError', 'WarehouseDataError', 'FeedConfigError']));
    expect(names).not.toContain('KsqlError');
  });

  it('has one entry per error class, whose retryable flag agrees with the class', async () => {
    const problems: string[] = [];
    for (const { module, cls } of await thrownErrorClasses()) {
      const error = instantiate(cls) as Error & { retryable?: unknown };
      // Temporal matches on `name`; a subclass that forgot to set its own would pass as its parent.
      if (error.name !== cls.name) problems.push(`${module} ${cls.name}: name is "${error.name}"`);
      const entry = (FAILURE_TYPES as Record<string, { retryable: boolean }>)[cls.name];
      if (!entry) problems.push(`${module} ${cls.name}: not in config/failure-types.ts`);
      else if (error.retryable !== entry.retryable) {
        problems.push(`${module} ${cls.name}: class says retryable=${String(error.retryable)}, table says ${entry.retryable}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('NON_RETRYABLE_TYPES is exactly the terminal entries, and both retry policies list them', () => {
    const terminal = Object.entries(FAILURE_TYPES).filter(([, e]) => !e.retryable).map(([name]) => name);
    expect([...NON_RETRYABLE_TYPES].sort()).toEqual(terminal.sort());
    expect(NON_RETRYABLE_TYPES).toContain('BadSlotRange');
    expect(NON_RETRYABLE_TYPES).not.toContain('LakeIoError');
    for (const options of [lakeExport, warehouseLoad]) {
      expect([...(options.retry?.nonRetryableErrorTypes ?? [])].sort()).toEqual(terminal.sort());
    }
  });

  it('FailureType names each entry by itself, so throw sites use constants', () => {
    for (const name of Object.keys(FAILURE_TYPES)) expect(FailureType[name as FailureType]).toBe(name);
    expect(Object.keys(FailureType)).toEqual(Object.keys(FAILURE_TYPES));
  });

  it('activities and workflows throw no failure type spelled as a string literal', async () => {
    // The check must see the old spelling, or passing proves nothing.
    expect(literalFailureTypes("throw ApplicationFailure.nonRetryable(`feed ${id}: ${p}`, 'BadSlotRange');")).toEqual(["'BadSlotRange'"]);
    expect(literalFailureTypes("ApplicationFailure.create({ message: m, type: 'Oops', nonRetryable: true });")).toEqual(["'Oops'"]);
    const problems: string[] = [];
    for (const dir of ['activities', 'workflows']) {
      for (const file of (await readdir(join(REPO_ROOT, dir))).filter((f) => f.endsWith('.ts'))) {
        const text = await readFile(join(REPO_ROOT, dir, file), 'utf8');
        problems.push(...literalFailureTypes(text).map((literal) => `${dir}/${file}: ${literal}`));
      }
    }
    expect(problems).toEqual([]);
  });
});

/** Quoted type names in `ApplicationFailure.…(msg, 'Type')` or `ApplicationFailure.create({ type: 'Type' })`. */
function literalFailureTypes(source: string): string[] {
  const found: string[] = [];
  for (const [, args] of source.matchAll(/ApplicationFailure\.\w+\(([\s\S]*?)\);/g)) {
    for (const [, literal] of `${args})`.matchAll(/(?:,\s*|\btype:\s*)(['"`]\w+['"`])\s*[,)}]/g)) found.push(literal!);
  }
  return found;
}
