import { CommanderError } from 'commander';
import { ZodError } from 'zod';
import { FeedConfigError, UnknownFeedError } from '../../config/errors.js';
import { FeedRegistryError } from '../../config/feed-registry-error.js';
import { SettingsError } from '../../config/settings-error.js';
import { rootCause } from './root-cause.js';
import { UsageError } from './usage-error.js';

/** The exit codes of every command: a script can tell "fix the command line" from "the run failed". */
export const EXIT = {
  ok: 0,
  /** a run (or one of several) failed, or something unforeseen */
  failed: 1,
  /** bad arguments, options, settings or feed files: nothing was started */
  usage: 2,
} as const;

/** Commander's own ways of ending that are not mistakes. */
const COMMANDER_OK = new Set(['commander.helpDisplayed', 'commander.help', 'commander.version', 'commander.executeSubCommandAsync']);

/** The one mapping from an error to what is printed (stderr) and the exit code. */
export function exitCodeOf(err: unknown, printError: (text: string) => void): number {
  if (err instanceof CommanderError) {
    // commander printed its message (and the help) already
    return COMMANDER_OK.has(err.code) ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof ZodError) {
    printError(`invalid input:\n${err.issues.map((i) => `  ${i.path.join('.') || '(value)'}: ${i.message}`).join('\n')}`);
    return EXIT.usage;
  }
  if (err instanceof UsageError || err instanceof SettingsError || err instanceof FeedConfigError
    || err instanceof FeedRegistryError || err instanceof UnknownFeedError) {
    printError(err.message);
    return EXIT.usage;
  }
  // By name, so every command does not load DuckDB: SQL the lake refused is the user's to fix.
  if (err instanceof Error && err.name === 'LakeQueryError') {
    printError(err.message);
    return EXIT.usage;
  }
  // By name: see root-cause.ts for why the Temporal client is not imported here.
  if (err instanceof Error && err.name === 'WorkflowFailedError') {
    printError(`run failed: ${rootCause(err)}`);
    return EXIT.failed;
  }
  printError(err instanceof Error ? err.message : String(err));
  return EXIT.failed;
}
