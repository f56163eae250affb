import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKFLOW_BUNDLE_OPTIONS, workflowCode } from '../../../worker/workflow-code.js';
import { REPO_ROOT, withTempDir } from '../../helpers/services.js';
import { writeFile } from 'node:fs/promises';

describe('workflowCode', () => {
  it('loads a prebuilt bundle when there is one, unless NODE_ENV=development', async () => {
    await withTempDir('bundle', async (dir) => {
      const bundle = join(dir, 'workflow-bundle.js');
      expect(workflowCode('production', bundle)).toEqual({ source: 'sources', ...WORKFLOW_BUNDLE_OPTIONS });
      await writeFile(bundle, '');
      expect(workflowCode('production', bundle)).toEqual({ source: 'bundle', workflowBundle: { codePath: bundle } });
      expect(workflowCode(undefined, bundle).source).toBe('bundle');
      expect(workflowCode('development', bundle).source).toBe('sources');
    });
  });

  it('from the TypeScript sources, bundles the sources with the logging interceptors', () => {
    expect(workflowCode(undefined)).toEqual({
      source: 'sources',
      workflowsPath: join(REPO_ROOT, 'workflows/index.ts'),
      workflowInterceptorModules: [join(REPO_ROOT, 'workflows/log-interceptors.ts')],
    });
  });
});
