// Builds a workflow bundle in a child process and hands the worker its file: webpack's memory then
// never shows in the benchmark process, whose RSS is reported as the worker's.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../..');

export function prebuiltBundle(workflowsPath = resolve(root, 'workflows/index.ts')): { codePath: string } {
  const codePath = join(mkdtempSync(join(tmpdir(), 'casc-bundle-')), 'workflow-bundle.js');
  execFileSync(resolve(root, 'node_modules/.bin/tsx'), [__filename, workflowsPath, codePath], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { codePath };
}

// As a child process: `tsx bench/support/bundle.ts <workflowsPath> <out.js>`.
if (require.main === module) {
  const [workflowsPath, out] = process.argv.slice(2);
  void import('../../simulator/time-skipping').then(async ({ bundleWorkflows }) => {
    const { code } = await bundleWorkflows(workflowsPath);
    writeFileSync(out!, code);
  });
}
