import type { Env } from '../config/env.js';

/** What every command receives instead of reaching for globals: tests pass their own. */
export interface CliDeps {
  env: Env;
  /** the environment handed to the services `dev up` and `demo` start */
  processEnv: NodeJS.ProcessEnv;
  /** one line of human output */
  out: (line: string) => void;
  /** the wall clock in ms, for commands that judge age (retention, status); tests pass a fixed one */
  now?: () => number;
}
