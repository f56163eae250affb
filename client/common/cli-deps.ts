import type { Env, Settings, SettingsPiece } from '../../config/env.js';

/** Reads and checks only the named pieces of the environment (see `readSettings`). */
export type SettingsReader = <K extends SettingsPiece>(pieces: readonly K[]) => Settings<K>;

/** A reader over settings parsed already (tests, embedding): every piece comes from `env`. */
export function settingsOf(env: Env): SettingsReader {
  return () => env;
}

/** What every command receives instead of reaching for globals: tests pass their own. */
export interface CliDeps {
  /** call it inside the action, with the pieces the command declared (`commandSettings`) */
  settings: SettingsReader;
  /** the environment handed to the services `dev up` and `demo` start */
  processEnv: NodeJS.ProcessEnv;
  /** one line of the result (stdout): what `--json` prints, tables, reports */
  out: (line: string) => void;
  /** one line of progress or notice for a person (stderr), so the result on `out` stays clean */
  note: (line: string) => void;
  /** where a progress bar is drawn (stderr); without one, no bar */
  progressStream?: NodeJS.WritableStream;
  /** the wall clock in ms, for commands that judge age (retention, status); tests pass a fixed one */
  now?: () => number;
}
