// Run by `npm run build` after tsc: writes the workflow code the compiled worker loads.
import { writeFile } from 'node:fs/promises';
import { bundleWorkflowCode, DefaultLogger } from '@temporalio/worker';
import { WORKFLOW_BUNDLE_OPTIONS, WORKFLOW_BUNDLE_PATH, WORKFLOW_WEBPACK_CONFIG_HOOK } from './workflow-code.js';

const { code } = await bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, webpackConfigHook: WORKFLOW_WEBPACK_CONFIG_HOOK, logger: new DefaultLogger('WARN') });
await writeFile(WORKFLOW_BUNDLE_PATH, code);
console.log(`workflow bundle: ${WORKFLOW_BUNDLE_PATH} (${(code.length / 1e6).toFixed(1)} MB)`);
