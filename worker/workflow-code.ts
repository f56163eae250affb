import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BundleOptions } from '@temporalio/worker';

/** `.ts` under vitest/tsx, `.js` once compiled: source files resolve next to this one either way. */
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
const sibling = (path: string) => fileURLToPath(new URL(`${path}${EXT}`, import.meta.url));

/** Every workflow type is exported from here. */
export const WORKFLOWS_PATH = sibling('../workflows/index');

/** What goes into the workflow code besides the workflows: the logging interceptors. */
export const WORKFLOW_BUNDLE_OPTIONS: { workflowsPath: string; workflowInterceptorModules: string[] } = {
  workflowsPath: WORKFLOWS_PATH,
  workflowInterceptorModules: [sibling('../workflows/log-interceptors')],
} satisfies Pick<BundleOptions, 'workflowsPath' | 'workflowInterceptorModules'>;

/**
 * The SDK requires an inline source map (it maps workflow stack traces), but not the copy of every
 * source file webpack puts in it by default: without those texts the bundle is half the size, and
 * each idle worker holds about 10 MB less (the main thread and the workflow thread both keep it).
 * Stack traces still name the original file, line and function.
 */
export const WORKFLOW_WEBPACK_CONFIG_HOOK: NonNullable<BundleOptions['webpackConfigHook']> = (config) => ({
  ...config,
  devtool: 'inline-nosources-source-map',
});

/**
 * Where `npm run build` writes the prebuilt workflow bundle: `dist/workflow-bundle.js`, next to the
 * compiled `dist/worker/`. From the TypeScript sources this resolves to a file that never exists.
 */
export const WORKFLOW_BUNDLE_PATH = fileURLToPath(new URL('../workflow-bundle.js', import.meta.url));

export type WorkflowCode =
  | { source: 'bundle'; workflowBundle: { codePath: string } }
  | { source: 'sources'; workflowsPath: string; workflowInterceptorModules: string[] };

/**
 * The compiled worker loads the bundle the build wrote (no webpack at start, and the code that runs
 * is the code that was built). It bundles from the sources at start when there is no bundle (run
 * from TypeScript, or a build without one) or when NODE_ENV=development asks for it.
 */
export function workflowCode(nodeEnv: string | undefined, bundlePath = WORKFLOW_BUNDLE_PATH): WorkflowCode {
  if (nodeEnv !== 'development' && existsSync(bundlePath)) return { source: 'bundle', workflowBundle: { codePath: bundlePath } };
  return { source: 'sources', ...WORKFLOW_BUNDLE_OPTIONS };
}
