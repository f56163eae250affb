import { join } from 'node:path';
import { REPO_ROOT } from './services.js';

/** Where the built command line starts; the integration tier's global setup builds it once per run. */
export const CLI_JS = join(REPO_ROOT, 'dist/client/cli.js');
