// House style: workflow code may import only @temporalio/workflow, domain/ and types.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdk.out/**', '.data/**', 'test-results/**', '**/*.mjs', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'Workflow and domain code must be deterministic: no Node built-ins.' },
            { group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'], message: 'Workflows import only @temporalio/workflow.', allowTypeImports: true },
            { group: ['@aws-sdk/*'], message: 'AWS calls belong in activities.', allowTypeImports: true },
            { group: ['**/activities/*', '**/activities'], message: 'Import activities as types only (proxyActivities).', allowTypeImports: true },
            { group: ['**/functions/*', '**/infra/*'], message: 'Workflows must not depend on the API or infra.' },
          ],
          paths: ['fs', 'path', 'crypto', 'http', 'https', 'os', 'child_process', 'net', 'util'].map((name) => ({ name, message: 'No Node built-ins in workflow/domain code.' })),
        },
      ],
    },
  },
  {
    // The API runs in Lambda: of Temporal it uses @temporalio/client, plus the define* helpers that
    // workflows/contract.ts brings (CONTRACTS.md); no worker, workflow-runtime or activity code.
    // test/api/lambda-imports.test.ts checks the whole import graph of functions/lambda.ts.
    files: ['functions/**/*.ts'],
    // Local processes only (bin/api.ts, the CLI, the dev stack): envconfig and registration helpers.
    ignores: ['functions/temporal.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@temporalio/worker', '@temporalio/workflow', '@temporalio/testing', '@temporalio/activity'], message: 'functions/ runs in Lambda: use @temporalio/client only.', allowTypeImports: true },
            { regex: '(^|/)workflows(/(?!contract$).*)?$', message: 'Import workflow code as types only; messages, ids and search attributes come from workflows/contract.ts.', allowTypeImports: true },
            // The API shares a few plain SDK modules with the worker: the record stores it reads
            // (handoffs, archives), the SES settings and the task-link keys it verifies. Nothing else
            // of activities/ (test/api/lambda-imports.test.ts checks the Lambda's whole import graph).
            {
              regex: '(^|/)activities(/(?!(object-store|handoff|email/config|email/task-links)$).*)?$',
              message: 'functions/ may import from activities/ only the shared stores, SES settings and task links.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
