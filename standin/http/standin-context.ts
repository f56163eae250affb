import type { SourceStore } from '../data/source-store.js';
import type { FaultController } from '../faults/fault-controller.js';
import type { VersionProfile } from '../version-profile.js';
import type { AuthConfig } from './check-auth.js';
import type { RunningQueries } from './running-queries.js';

/** What every route may use: the data, the armed faults, the emulated version, the open queries. */
export interface StandinContext {
  store: SourceStore;
  faults: FaultController;
  profile: VersionProfile;
  auth: AuthConfig | undefined;
  queries: RunningQueries;
  /** aborted when the stand-in closes, so stalls and long streams stop at once */
  shutdown: AbortSignal;
  /** random, stable for the server's life, as in /info */
  kafkaClusterId: string;
}
