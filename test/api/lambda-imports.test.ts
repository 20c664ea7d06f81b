// The Lambda talks to Temporal through @temporalio/client only: checked on our sources' import graph
// (type-only imports are erased, so they do not count) and on the bundle esbuild actually makes,
// as infra's NodejsFunction does. Of workflows/ it carries the contract and the message files it
// re-exports (@temporalio/workflow's define* helpers build plain objects), never a workflow.
import { readFileSync, existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const ENTRY = resolve(ROOT, 'functions/lambda.ts');
const FORBIDDEN = ['@temporalio/worker', '@temporalio/testing', '@temporalio/activity', '@temporalio/core-bridge'];

/** Module specifiers a file imports at run time (not `import type`, not all-type named imports). */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const out: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (!clause.name &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      !node.isTypeOnly
    ) {
      out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function importGraph(entry: string): { files: string[]; packages: string[] } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const walk = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec);
        const target = [`${base}.ts`, `${base}/index.ts`, base].find((p) => existsSync(p) && p.endsWith('.ts'));
        if (!target) throw new Error(`${relative(ROOT, file)}: cannot resolve ${spec}`);
        walk(target);
      } else if (!spec.startsWith('node:')) {
        packages.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);
      }
    }
  };
  walk(entry);
  return { files: [...files].map((f) => relative(ROOT, f)).sort(), packages: [...packages].sort() };
}

describe('the Lambda import graph', () => {
  it("imports @temporalio/client and the workflows' contract, and no workflow, activity or worker code", () => {
    const { files, packages } = importGraph(ENTRY);
    // common + proto: the payload codec (codec/) uses the client's own dependencies, no worker code;
    // workflow: only through the message files below.
    expect(packages.filter((p) => p.startsWith('@temporalio/'))).toEqual([
      '@temporalio/client',
      '@temporalio/common',
      '@temporalio/proto',
      '@temporalio/workflow',
    ]);
    // Modules the portal shares with the activities (no worker code in any): task links (minted in
    // emails, verified here), the SES settings (fresh sign-in links) and the handoff packet store.
    expect(files.filter((f) => /^(workflows|activities|bin|test)\//.test(f))).toEqual([
      'activities/email/config.ts',
      'activities/email/task-links.ts',
      'activities/handoff-html.ts',
      'activities/handoff.ts',
      'activities/object-store.ts',
      'workflows/contract.ts',
      'workflows/messages.ts',
      'workflows/recommendation-messages.ts',
      'workflows/search-attributes.ts',
      'workflows/watch-messages.ts',
    ]);
    expect(files).toContain('functions/candidates.ts');
    // Local-only pieces stay out: the dev-token signer and the envconfig-based connection.
    expect(files).not.toContain('functions/auth/local-jwt.ts');
    expect(files).not.toContain('functions/temporal.ts');
  });

  it('bundles (as NodejsFunction does) without any Temporal worker, activity or testing package', async () => {
    const result = await build({
      entryPoints: [ENTRY],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
      outfile: 'lambda.js',
    });
    const inputs = Object.keys(result.metafile.inputs);
    const temporal = [
      ...new Set(inputs.map((i) => /node_modules\/(@temporalio\/[^/]+)/.exec(i)?.[1]).filter(Boolean)),
    ].sort();
    expect(temporal.filter((p) => FORBIDDEN.includes(p!))).toEqual([]);
    expect(temporal).toContain('@temporalio/client');
    // The same workflows/ files as in the import graph: the contract and its message files, no workflow.
    expect(inputs.filter((i) => i.startsWith('workflows/')).sort()).toEqual([
      'workflows/contract.ts',
      'workflows/messages.ts',
      'workflows/recommendation-messages.ts',
      'workflows/search-attributes.ts',
      'workflows/watch-messages.ts',
    ]);
    // jose is in (the portal signs sessions and verifies task links); the dev-token signer is not.
    expect(inputs.some((i) => i.endsWith('functions/auth/local-jwt.ts'))).toBe(false);
  }, 60_000);
});
