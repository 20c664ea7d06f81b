import { App } from 'aws-cdk-lib';
import { addCascStacks, enforceAwsSolutions } from '../lib/casc-app';
import { readDeploymentSettings, type TDeploymentSettings } from '../lib/settings';

// Entry point of `npx cdk …` (cdk.json "app"). Settings come from `casc:*` context.
const app = new App();
let settings: TDeploymentSettings;
try {
  settings = readDeploymentSettings(app.node);
} catch (err) {
  // A settings problem is the operator's to fix: show the list, not a stack trace.
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
addCascStacks(app, settings);
enforceAwsSolutions(app);
app.synth();
