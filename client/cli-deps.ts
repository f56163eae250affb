import type { Env } from '../config/env.js';

/** What every command receives instead of reaching for globals: tests pass their own. */
export interface CliDeps {
  env: Env;
  /** one line of human output */
  out: (line: string) => void;
}
