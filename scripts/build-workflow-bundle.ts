// Builds the workflow bundle once, at image build (Dockerfile), so a worker task does not run
// webpack at every start (time and ~400 MB peak RSS). bin/worker.ts loads it from
// CASC_WORKFLOW_BUNDLE; without that variable the worker bundles at start as in local dev.
//
//   tsx scripts/build-workflow-bundle.ts [out-file]   (default dist/workflow-bundle.js)
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../codec/data-converter';

/** What the worker would bundle itself (workflows/index.ts, the encrypted-failure converter). */
export async function buildWorkflowBundle(outFile: string): Promise<{ path: string; bytes: number }> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: resolve(__dirname, '../workflows/index.ts'),
    failureConverterPath: FAILURE_CONVERTER_PATH,
  });
  const path = resolve(outFile);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, code);
  return { path, bytes: Buffer.byteLength(code) };
}

if (require.main === module) {
  buildWorkflowBundle(process.argv[2] ?? resolve(__dirname, '../dist/workflow-bundle.js')).then(
    ({ path, bytes }) => console.log(`workflow bundle: ${path} (${(bytes / 1024).toFixed(0)} KiB)`),
    (err: unknown) => {
      console.error('workflow bundle failed:', err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
