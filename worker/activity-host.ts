import type { WorkerEnv } from '../config/env.js';
import { createActivities, type Activities } from '../activities/index.js';
import { createDeps } from './create-deps.js';

/**
 * The activities of one worker process and the clients they share. Imported only by a worker that
 * runs activities: this module loads DuckDB, the lake's storage and the warehouse driver, which a
 * workflows-only worker (`WORKER_TASKS=workflows`) never holds.
 */
export async function hostActivities(env: WorkerEnv): Promise<{ activities: Activities; feeds: string[]; close(): Promise<void> }> {
  const deps = await createDeps(env);
  return { activities: createActivities(deps), feeds: [...deps.feeds.keys()], close: () => deps.close() };
}
