// @ts-check
import { builtinModules } from 'node:module';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/** Value imports a workflow must not make: the sandbox replays workflow code, so no I/O may reach it. */
const WORKFLOW_FORBIDDEN = [
  'node:*',
  ...builtinModules,
  'mysql2',
  'mysql2/*',
  '@duckdb/*',
  'pino',
  '@temporalio/activity',
  '@temporalio/worker',
  '@temporalio/client',
  '**/activities/*',
  '**/lake/*',
  '**/warehouse/*',
  '**/ksqldb/*',
  '**/client/*',
  '**/worker/*',
  '**/wiring/*',
  '**/dev/*',
  '**/standin/*',
];

/**
 * The lake has one front door: code outside lake/ imports `lake/index.js` only, so the rooms behind
 * it can change without touching their callers. The lake's own white-box unit tests
 * (test/unit/lake/) are the one exception.
 */
const LAKE_FRONT_DOOR = {
  group: ['**/lake/**', '!**/lake/index.js'],
  message: 'outside lake/, import the lake through its front door, lake/index.js (export what you need there)',
};

/**
 * The lake's rooms and what each may import of the others: a room leans only on the rooms below
 * it, and none reaches the lake's root (lake.ts, its options, health, index.ts), which composes them.
 */
const LAKE_ROOMS = {
  common: [],
  storage: ['common'],
  encoding: ['common'],
  metadata: ['common', 'storage', 'encoding'],
  staging: ['common', 'encoding'],
  quarantine: ['common', 'storage', 'encoding', 'metadata', 'staging'],
  write: ['common', 'storage', 'encoding', 'metadata', 'staging', 'quarantine'],
  read: ['common', 'storage', 'encoding', 'metadata'],
  retention: ['common', 'storage', 'metadata'],
  status: ['common', 'metadata'],
};
const LAKE_LAYERS = Object.entries(LAKE_ROOMS).map(([room, below]) => ({
  target: `./lake/${room}/**`,
  from: ['./lake/*.ts', ...Object.keys(LAKE_ROOMS).filter((other) => other !== room && !below.includes(other)).map((other) => `./lake/${other}/**`)],
  message: `lake/${room}/ may import only ${below.length ? below.map((r) => `lake/${r}/`).join(', ') : 'no other lake room'} (eslint.config.js, LAKE_ROOMS)`,
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tools/', '.dev/', 'data/'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin, 'import-x': importX },
    settings: {
      // import-x reads only files of these extensions when it follows imports (no-cycle).
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createTypeScriptImportResolver()],
    },
    rules: {
      // A promise nobody awaits loses its error, and in a workflow its ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones: LAKE_LAYERS }],
    },
  },
  {
    files: ['**/*.ts'],
    ignores: ['lake/**', 'test/unit/lake/**', 'workflows/**', 'config/temporal.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [LAKE_FRONT_DOOR] }] },
  },
  {
    // Workflows stay deterministic, and so do the modules of ours they import by value.
    files: ['workflows/**/*.ts', 'config/temporal.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          group: WORKFLOW_FORBIDDEN,
          allowTypeImports: true,
          message: 'workflow code is replayed in a sandbox: import it as a type (`import type`), or move the I/O into an activity',
        }, LAKE_FRONT_DOOR],
      }],
    },
  },
);
