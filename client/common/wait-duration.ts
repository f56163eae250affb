import { durationMsSchema, durationSyntax } from '../../config/duration-ms.js';

/** How long a command waits, typed as `30s`, `10m` or `2h` → milliseconds. */
export const waitDuration = durationMsSchema(durationSyntax(['s', 'm', 'h']), 'expected a duration like 30s, 10m or 2h');
