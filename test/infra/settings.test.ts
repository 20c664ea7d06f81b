import { describe, expect, it } from 'vitest';
import { readDeploymentSettings, type ContextSource } from '../../infra/lib/settings';
import { cdkJsonContext } from './support';

const REQUIRED = {
  stage: 'prod',
  'casc:senderEmail': 'induction@district.example.org',
  'casc:jwtIssuer': 'https://login.example.org/realms/casc',
  'casc:temporalAddress': 'casc.a1b2c.tmprl.cloud:7233',
  'casc:temporalNamespace': 'casc.a1b2c',
};

function contextOf(values: Record<string, unknown>): ContextSource {
  return { tryGetContext: (key) => values[key] };
}

describe('deployment settings from CDK context', () => {
  it('cdk.json defaults plus the stage and the four deployment-specific keys make a complete configuration', () => {
    const settings = readDeploymentSettings(contextOf({ ...cdkJsonContext(), ...REQUIRED }), {});
    expect(settings).toMatchObject({
      stage: 'prod',
      region: 'us-west-2',
      jwtAudience: 'casc-api',
      taskQueue: 'casc-induction',
      sesMaxSendRate: 14,
      workerMinTasks: 1,
      workerMaxTasks: 4,
      noncurrentVersionRetentionDays: 90,
      archiveToGlacierAfterDays: 365,
    });
    expect(settings.account).toBeUndefined();
  });

  it('fails with one message naming every missing key and how to pass it', () => {
    const read = () => readDeploymentSettings(contextOf(cdkJsonContext()), {});
    expect(read).toThrow(/- stage: missing \(pass -c stage=dev\|prod\)/);
    // The stage's own defaults are not listed as missing on top of the stage.
    expect(read).not.toThrow(/workerMinTasks|noncurrentVersionRetentionDays/);
    expect(read).toThrow(/casc:senderEmail: missing/);
    expect(read).toThrow(/casc:jwtIssuer: missing/);
    expect(read).toThrow(/casc:temporalAddress: missing/);
    expect(read).toThrow(/casc:temporalNamespace: missing/);
    expect(read).toThrow(/-c casc:senderEmail=/);
  });

  it('rejects values that would deploy a broken program (http issuer, bad address, bad endpoint)', () => {
    const read = () =>
      readDeploymentSettings(
        contextOf({
          ...REQUIRED,
          'casc:jwtIssuer': 'http://login.example.org',
          'casc:senderEmail': 'not-an-email',
          'casc:temporalAddress': 'casc.tmprl.cloud',
        }),
        {},
      );
    expect(read).toThrow(/casc:jwtIssuer: an https:\/\/ issuer URL/);
    expect(read).toThrow(/casc:senderEmail: /);
    expect(read).toThrow(/casc:temporalAddress: host:port/);
  });

  it('treats `-c key=` (empty string) as not given and coerces numbers passed as strings', () => {
    const settings = readDeploymentSettings(
      contextOf({ ...REQUIRED, 'casc:alarmEmail': '', 'casc:sesMaxSendRate': '50' }),
      {},
    );
    expect(settings.alarmEmail).toBeUndefined();
    expect(settings.sesMaxSendRate).toBe(50);
  });

  it('takes the account from the CLI credentials (CDK_DEFAULT_ACCOUNT) unless casc:account is set', () => {
    expect(readDeploymentSettings(contextOf(REQUIRED), { CDK_DEFAULT_ACCOUNT: '123456789012' }).account).toBe(
      '123456789012',
    );
    const explicit = readDeploymentSettings(contextOf({ ...REQUIRED, 'casc:account': '210987654321' }), {
      CDK_DEFAULT_ACCOUNT: '123456789012',
    });
    expect(explicit.account).toBe('210987654321');
  });
});
