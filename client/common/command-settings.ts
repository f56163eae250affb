import type { Command } from 'commander';
import { SETTINGS, type Settings, type SettingsPiece } from '../../config/env.js';
import type { CliDeps } from './cli-deps.js';

/**
 * Declares which pieces of the environment `command` reads: they are listed in its `--help`, and
 * the returned function reads and checks exactly those (exit 2 naming the variable), nothing else.
 */
export function commandSettings<K extends SettingsPiece>(command: Command, deps: CliDeps, pieces: readonly K[]): () => Settings<K> {
  command.addHelpText('after', envHelp(pieces));
  return () => deps.settings(pieces);
}

/** The "Environment:" block of a command's help: each variable, what it is, its default. */
export function envHelp(pieces: readonly SettingsPiece[]): string {
  const rows = pieces.flatMap((piece) =>
    Object.entries(SETTINGS[piece].shape).map(([name, schema]) => {
      const fallback = schema.safeParse(undefined);
      const shown = fallback.success && fallback.data !== undefined ? ` (default ${String(fallback.data)})` : '';
      return { name, text: `${schema.description ?? ''}${shown}` };
    }));
  const width = Math.max(...rows.map((r) => r.name.length));
  return `\nEnvironment:\n${rows.map((r) => `  ${r.name.padEnd(width)}  ${r.text}`).join('\n')}`;
}
