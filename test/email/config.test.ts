import { describe, expect, it } from 'vitest';
import { createSesClient, readEmailConfig } from '../../activities/email';

describe('email configuration', () => {
  it('defaults to the local SES mock and the contract defaults', () => {
    expect(readEmailConfig({})).toEqual({
      region: 'us-west-2',
      endpoint: 'http://127.0.0.1:8005',
      from: 'casc-induction@example.edu',
      maxSendRate: 14,
      maxAttempts: 3,
    });
  });

  it('reads every variable, treating empty strings as unset', () => {
    const config = readEmailConfig({
      SES_REGION: 'us-east-1',
      SES_ENDPOINT: 'http://localhost:9001',
      SES_FROM: '"CASC" <casc@school.edu>',
      SES_CONFIGURATION_SET: 'casc-events',
      SES_MAX_SEND_RATE: '50',
    });
    expect(config).toMatchObject({
      region: 'us-east-1',
      endpoint: 'http://localhost:9001',
      from: '"CASC" <casc@school.edu>',
      configurationSet: 'casc-events',
      maxSendRate: 50,
    });
    expect(readEmailConfig({ SES_CONFIGURATION_SET: '', SES_REGION: '' })).toMatchObject({ region: 'us-west-2' });
    expect(readEmailConfig({ SES_CONFIGURATION_SET: '' }).configurationSet).toBeUndefined();
  });

  it('uses the real SES endpoint in AWS (ECS/Lambda) or when asked', () => {
    expect(readEmailConfig({ AWS_EXECUTION_ENV: 'AWS_ECS_FARGATE' }).endpoint).toBeUndefined();
    expect(readEmailConfig({ SES_ENDPOINT: 'aws' }).endpoint).toBeUndefined();
  });

  it('names the bad variable', () => {
    expect(() => readEmailConfig({ SES_MAX_SEND_RATE: 'fast' })).toThrow(/SES_MAX_SEND_RATE/);
    expect(() => readEmailConfig({ SES_ENDPOINT: 'ftp://x' })).toThrow(/SES_ENDPOINT/);
  });

  it('gives the local mock dummy credentials, and the SDK standard retry with bounded attempts', async () => {
    const client = createSesClient(readEmailConfig({}));
    const credentials = await client.config.credentials();
    expect(credentials).toMatchObject({ accessKeyId: 'local', secretAccessKey: 'local' });
    expect(await client.config.maxAttempts()).toBe(3);
    expect(((await client.config.retryStrategy()) as { mode?: string }).mode).toBe('standard');
    client.destroy();
  });
});
