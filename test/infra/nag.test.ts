import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { addCascStacks, enforceAwsSolutions } from '../../infra/lib/casc-app';
import { cdkJsonContext, settingsFor } from './support';

// The deployable configuration (Dockerfile asset image, so ECR permissions are checked too);
// only the Lambda code is inline, which does not change the function's IAM or settings.
// Both stages in one app: prod adds what dev leaves out (vault lock, continuous backup).
const app = new App({ context: cdkJsonContext() });
const allStacks = (['dev', 'prod'] as const).map((stage) =>
  addCascStacks(app, settingsFor(stage, { senderDomain: 'casc.example.org' }), {
    apiCode: lambda.Code.fromInline('exports.handler = async () => ({})'),
  }),
);
enforceAwsSolutions(app);

function acknowledgements(root: IConstruct): { path: string; id: string; reason: string }[] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(([id, reason]) => ({
          path: construct.node.path,
          id: id.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('cdk synth passes with the AwsSolutions validation plugin registered (what `cdk deploy` runs), reporting nothing', () => {
    const assembly = app.synth();
    const reportFile = path.join(assembly.directory, 'validation-report.json');
    const report = existsSync(reportFile)
      ? (JSON.parse(readFileSync(reportFile, 'utf8')) as {
          pluginReports: { pluginName: string; violations?: { ruleName: string }[] }[];
        })
      : { pluginReports: [] };
    // Includes CDK's own CloudFormation-Validate rules as well as AwsSolutions.
    const violations = report.pluginReports.flatMap((r) =>
      (r.violations ?? []).map((v) => `${r.pluginName}: ${v.ruleName}`),
    );
    expect(violations).toEqual([]);
  });

  it('reports no unacknowledged error or warning on either stack', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName} @ ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
    expect(report.success).toBe(true);
  });

  it('CDK itself warns about nothing (no deprecated props, no ignored settings)', () => {
    for (const stack of allStacks.flatMap((stacks) => [stacks.stateful, stacks.runtime])) {
      expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
      expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    }
  });

  it('every acknowledgement is one of the reviewed ones and says why, specifically', () => {
    // CDK acknowledges a few of its own CloudFormation-Validate rules; ours are the AwsSolutions ones.
    const acks = acknowledgements(app).filter((a) => a.id.startsWith('AwsSolutions-'));
    const rules = [...new Set(acks.map((a) => a.id.replace(/\[.*$/, '')))].sort();
    expect(rules).toEqual([
      'AwsSolutions-APIG4',
      'AwsSolutions-ECS2',
      'AwsSolutions-IAM4',
      'AwsSolutions-IAM5',
      'AwsSolutions-S1',
      'AwsSolutions-SMG4',
    ]);
    // IAM4 only for the two AWS Backup S3 policies of the records backup role (issue #17.7).
    expect(
      [
        ...new Set(
          acks
            .filter((a) => a.id.startsWith('AwsSolutions-IAM4'))
            .map((a) => `${a.path.replace(/^CascInduction-(dev|prod)-/, '')} ${a.id}`),
        ),
      ].sort(),
    ).toEqual([
      'Stateful/Records/BackupRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Backup]',
      'Stateful/Records/BackupRole AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AWSBackupServiceRolePolicyForS3Restore]',
    ]);
    for (const ack of acks) {
      expect(ack.reason.length, `${ack.id} on ${ack.path}`).toBeGreaterThan(60);
    }
    // IAM5 is never acknowledged wholesale: each wildcard resource is named.
    const iam5 = acks.filter((a) => a.id.startsWith('AwsSolutions-IAM5')).map((a) => a.id);
    expect(iam5.every((id) => /^AwsSolutions-IAM5\[Resource::.+\]$/.test(id))).toBe(true);
    expect(iam5).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/handoffs\/\*\]$/),
        expect.stringMatching(/archives\/\*\]$/),
        'AwsSolutions-IAM5[Resource::*]',
      ]),
    );
  });
});
