import { proxyActivities } from '@temporalio/workflow';
import type { Activities, ApplyRetentionInput, ApplyRetentionResult } from '../activities/index.js';
import { lakeRetention } from './activity-options.js';

const { applyRetention } = proxyActivities<Activities>(lakeRetention);

/**
 * The lake's retention for the registry's feeds (or those named), meant to run daily from a
 * schedule. One activity: deletions are idempotent, so a retry just finishes the job.
 */
export async function retentionWorkflow(input: ApplyRetentionInput = {}): Promise<ApplyRetentionResult> {
  return applyRetention(input);
}
