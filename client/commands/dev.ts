import { Argument, Command } from 'commander';
import { z } from 'zod';
import type { Env } from '../../config/env.js';
import { defaultDevServices, findProjectRoot, DEV_SERVICE_NAMES, type DevContext, type DevServiceName } from '../../dev/dev-state.js';

export interface DevCommandDeps {
  readEnv: () => Env;
  /** environment for the processes `dev up` starts; TEMPORAL_CLI and Go's settings are read from it */
  processEnv: NodeJS.ProcessEnv;
  /** repo root (dist/, .tools/, .dev/); found from this file's location when omitted */
  projectRoot?: string;
  /** where output lines go; stdout when omitted */
  out?: (line: string) => void;
}

const servicesSchema = z.array(z.enum(DEV_SERVICE_NAMES));
/** commander rejects unknown names with the list of valid ones; zod then only narrows the type */
const servicesArgument = () => new Argument('[services...]', 'which services (default: all)').choices(DEV_SERVICE_NAMES);

/** `ksql-etl dev up|down|status`: the local services the other commands need. */
export function devCommand(deps: DevCommandDeps): Command {
  const out = deps.out ?? ((line: string) => void process.stdout.write(`${line}\n`));
  // Built per action, so `--help` works even when the environment does not parse.
  const context = (): DevContext => ({
    env: deps.readEnv(),
    projectRoot: deps.projectRoot ?? findProjectRoot(import.meta.url),
    processEnv: deps.processEnv,
    log: out,
  });

  const dev = new Command('dev')
    .description('start, stop and inspect the local services (Temporal dev server, ksqlDB stand-in, worker, MariaDB)')
    // Set before the subcommands are created so they inherit it (addCommand on the parent program
    // does not pass it down): bad arguments and --help then throw CommanderError instead of exiting.
    .exitOverride();

  dev
    .command('up')
    .description(
      'start what is not running yet: MariaDB, the Temporal dev server (runs kept in DEV_STATE_DIR/temporal.db), ' +
        'the ksqlDB stand-in, an S3 server when asked (--s3, or LAKE_DIR=s3://… on a local endpoint) and the worker, ' +
        'detached, logs in DEV_STATE_DIR/<service>.log',
    )
    .addArgument(servicesArgument())
    .option('--s3', 'also start an S3 server (SeaweedFS) on AWS_ENDPOINT_URL (default 127.0.0.1:8333) for LAKE_DIR=s3://bucket/prefix', false)
    .action(async (services: string[], opts: { s3: boolean }) => {
      const ctx = context();
      const { devUp, DevUpError } = await import('../../dev/dev-up.js');
      const chosen = pick(services) ?? defaultDevServices(ctx.env);
      try {
        await devUp(ctx, { services: opts.s3 ? withS3(chosen) : chosen });
      } catch (err) {
        // Leave what did start running (the developer may want to look at it), but say so.
        if (err instanceof DevUpError && err.started.length > 0) {
          out(`Still running from this attempt: ${err.started.join(', ')} (\`ksql-etl dev down\` stops them)`);
        }
        throw err;
      }
    });

  dev
    .command('down')
    .description('stop the services `dev up` started (SIGTERM, SIGKILL after 10 s); services started otherwise are left alone')
    .addArgument(servicesArgument())
    .action(async (services: string[]) => {
      const { devDown } = await import('../../dev/dev-down.js');
      const result = await devDown(context(), { services: pick(services) });
      if (result.stopped.length === 0) out('Nothing started by `dev up` was running.');
    });

  dev
    .command('status')
    .description('show each service: up/down, pid, address and who started it')
    .option('--json', 'print the rows as JSON', false)
    .action(async (opts: { json: boolean }) => {
      const ctx = context();
      const { devStatus, formatStatusTable } = await import('../../dev/dev-status.js');
      const rows = await devStatus(ctx);
      out(opts.json ? JSON.stringify(rows, null, 2) : formatStatusTable(rows));
    });

  return dev;
}

/** `services` plus the S3 server, in start order. */
function withS3(services: readonly DevServiceName[]): DevServiceName[] {
  return DEV_SERVICE_NAMES.filter((name) => name === 's3' || services.includes(name));
}

function pick(services: string[]): (typeof DEV_SERVICE_NAMES)[number][] | undefined {
  return services.length === 0 ? undefined : servicesSchema.parse(services);
}
