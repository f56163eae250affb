import { join } from 'node:path';
import { ensureGoTool, runGo, type EnsureGoToolOptions } from './go-build.js';

/** v1.6.0+ add a `replace` directive that `go install pkg@version` refuses: 1.5.1 is the newest we can build. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';
const PACKAGE = `github.com/temporalio/cli/cmd/temporal@${TEMPORAL_CLI_VERSION}`;

export type EnsureTemporalCliOptions = EnsureGoToolOptions;

/**
 * Absolute path of a `temporal` CLI: `$TEMPORAL_CLI` if set, else `<toolsDir>/temporal`, else one
 * built with `go install` into toolsDir (minutes, first time only).
 */
export function ensureTemporalCli(opts: EnsureTemporalCliOptions): Promise<string> {
  return ensureGoTool(
    {
      title: `the Temporal CLI ${TEMPORAL_CLI_VERSION}`,
      binaryName: 'temporal',
      override: 'TEMPORAL_CLI',
      // the CLI's go.mod says `go 1.25.0`
      minGo: [1, 25],
      build: async (gobin, env, log) => {
        // Pure-Go SQLite: no C compiler needed.
        await runGo(['install', PACKAGE], {
          env: { ...env, GOBIN: gobin, CGO_ENABLED: '0' },
          log,
          hint: 'is the Go module proxy reachable?',
        });
        return join(gobin, 'temporal');
      },
    },
    opts,
  );
}
