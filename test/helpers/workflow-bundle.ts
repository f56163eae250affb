import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../worker/workflow-code.js';

const quietLogger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error: console.error };

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/**
 * The real workflows with the worker's interceptors, bundled once per test file (each file is its
 * own process): bundling takes a second or two.
 */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quietLogger });
  return bundle;
}
