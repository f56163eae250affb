import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/services.js';

/** The specifiers a file imports by value (an `import type`, or braces of types only, bring in no code). */
function valueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gm)) {
    const [, typeOnly, clause, specifier] = m;
    const names = /\{([^}]*)\}/.exec(clause!)?.[1];
    const onlyTypes = names !== undefined && !/^[^{]*\w[^{]*\{/.test(clause!) && names.split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '));
    if (!typeOnly && !onlyTypes) found.push(specifier!);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(m[1]!);
  return found;
}

/** Every file of ours the workflow bundle holds, and every package it imports, from its two entry points. */
function bundleContents(): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of valueImports(file)) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  };
  visit(join(REPO_ROOT, 'workflows/index.ts'));
  visit(join(REPO_ROOT, 'workflows/log-interceptors.ts'));
  return { files: [...files].map((f) => relative(REPO_ROOT, f)).sort(), packages };
}

describe('the workflow bundle', () => {
  it('holds workflows/ and pure config modules only, and no package but the workflow SDK', () => {
    const { files, packages } = bundleContents();
    expect(files.filter((f) => !f.startsWith('workflows/') && !f.startsWith('config/'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('config/'))).toEqual(['config/backfill-plan.ts', 'config/failure-types.ts', 'config/temporal.ts']);
    expect([...packages].filter((p) => p !== '@temporalio/workflow' && p !== '@temporalio/common')).toEqual([]);
  });
});
