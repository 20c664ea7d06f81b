// Issue #15.1 and #17.2/#17.4 in the stacks: the staff user pool (groups for roles, admin-only
// scope attributes, hosted UI, the portal's PKCE app client), the shared email ledger table, and
// the API function's portal URL and OIDC settings.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { readDeploymentSettings } from '../../infra/lib/settings';
import { ACCOUNT, TEST_SETTINGS, buildTestApp } from './support';

const { stateful, runtime } = buildTestApp();
const statefulTemplate = Template.fromStack(stateful);
const runtimeTemplate = Template.fromStack(runtime);

type TProps = Record<string, unknown>;
const only = (template: Template, type: string): TProps => {
  const all = Object.values(template.findResources(type)) as { Properties: TProps }[];
  expect(all).toHaveLength(1);
  return all[0]!.Properties;
};
const apiEnv = (template: Template): TProps => {
  const fns = Object.values(template.findResources('AWS::Lambda::Function')) as {
    Properties: { Environment?: { Variables?: TProps } };
  }[];
  const api = fns.find((f) => f.Properties.Environment?.Variables?.TEMPORAL_ADDRESS !== undefined);
  return api!.Properties.Environment!.Variables!;
};

describe('staff user pool (stateful stack)', () => {
  it('issue #15.1: administrators create the accounts; MFA, a strong password and threat protection are required', () => {
    statefulTemplate.hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        UsernameAttributes: ['email'],
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
        DeletionProtection: 'ACTIVE',
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 12,
            RequireLowercase: true,
            RequireUppercase: true,
            RequireNumbers: true,
            RequireSymbols: true,
          }),
        },
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it('issue #15.1: one group per staff role, and the program and district scope as custom attributes', () => {
    const groups = Object.values(statefulTemplate.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => (g as { Properties: { GroupName: string } }).Properties.GroupName,
    );
    expect(groups.sort()).toEqual(['credentialsOffice', 'director', 'districtCoordinator', 'pa']);
    const schema = only(statefulTemplate, 'AWS::Cognito::UserPool').Schema as { Name: string; Mutable?: boolean }[];
    expect(schema.filter((a) => ['programId', 'districtId'].includes(a.Name)).map((a) => [a.Name, a.Mutable])).toEqual([
      ['programId', true],
      ['districtId', true],
    ]);
  });

  it('has a hosted sign-in domain named after stage and account', () => {
    statefulTemplate.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: `casc-dev-${ACCOUNT}` });
  });
});

describe('the portal app client (runtime stack)', () => {
  const client = only(runtimeTemplate, 'AWS::Cognito::UserPoolClient');

  it("issue #15.1: authorization code only, no client secret (PKCE), back to the portal's /auth/oidc/callback", () => {
    expect(client.AllowedOAuthFlows).toEqual(['code']);
    expect(client.AllowedOAuthFlowsUserPoolClient).toBe(true);
    expect(client.GenerateSecret).toBe(false);
    expect(client.AllowedOAuthScopes).toEqual(['openid', 'email', 'profile']);
    expect(client.SupportedIdentityProviders).toEqual(['COGNITO']);
    expect(JSON.stringify(client.CallbackURLs)).toContain('/auth/oidc/callback');
    expect(client.PreventUserExistenceErrors).toBe('ENABLED');
  });

  it('issue #15.1: reads the scope attributes but cannot write them (only administrators can)', () => {
    expect(client.ReadAttributes).toEqual(expect.arrayContaining(['custom:programId', 'custom:districtId', 'email']));
    expect(client.WriteAttributes).toEqual(['name']);
  });

  it('hands the issuer, client id, redirect URI and portal URL to the API function', () => {
    const env = apiEnv(runtimeTemplate);
    // The pool's provider URL (https://cognito-idp.<region>.amazonaws.com/<pool id>), from the stateful stack.
    expect(JSON.stringify(env.OIDC_ISSUER)).toMatch(/"OutputName":"PublishOutputFnGetAttStaffPool[0-9A-F]+ProviderURL/);
    expect(env.OIDC_CLIENT_ID).toEqual({ Ref: expect.stringMatching(/^StaffPortalClient[0-9A-F]{8}$/) });
    // No custom domain: the HTTP API's own URL (the function refers to the API, not the reverse).
    expect(env.CASC_PORTAL_URL).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^ApiHttpApi[0-9A-F]{8}$/), 'ApiEndpoint'],
    });
    expect(JSON.stringify(env.OIDC_REDIRECT_URI)).toContain('/auth/oidc/callback');
  });

  it('gives the API the task-link key by ARN (read at cold start) and the sender for fresh sign-in links', () => {
    const env = apiEnv(runtimeTemplate);
    expect(env.CASC_LINK_SECRET_ARN).toEqual({ Ref: expect.stringMatching(/^LinkKey[0-9A-F]{8}$/) });
    expect(env.CASC_LINK_SECRET).toBeUndefined();
    expect(env.SES_FROM).toBe('induction@casc.example.org');
    runtimeTemplate.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
    });
  });
});

describe('a custom domain for the portal', () => {
  const certificateArn = `arn:aws:acm:us-west-2:${ACCOUNT}:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`;
  const custom = Template.fromStack(
    buildTestApp({ portalDomainName: 'induction.example.org', portalCertificateArn: certificateArn }).runtime,
  );

  it('maps the domain to the API and makes it the portal URL and the OIDC callback', () => {
    custom.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'induction.example.org',
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: certificateArn })],
    });
    custom.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
    expect(apiEnv(custom).CASC_PORTAL_URL).toBe('https://induction.example.org');
    expect(apiEnv(custom).OIDC_REDIRECT_URI).toBe('https://induction.example.org/auth/oidc/callback');
    expect(only(custom, 'AWS::Cognito::UserPoolClient').CallbackURLs).toEqual([
      'https://induction.example.org/auth/oidc/callback',
    ]);
  });

  it('refuses a domain without its certificate, naming the missing setting', () => {
    const context = (values: Record<string, unknown>) => ({
      tryGetContext: (key: string) => values[key.replace(/^casc:/, '')],
    });
    expect(() =>
      readDeploymentSettings(context({ ...TEST_SETTINGS, portalDomainName: 'induction.example.org' }), {}),
    ).toThrow('casc:portalCertificateArn: missing (required with portalDomainName)');
  });
});

describe('the shared email ledger table (stateful stack)', () => {
  it('#17.2: keyed by idempotency key, expires on expiresAt, on demand, encrypted with the candidate data key, PITR, retained', () => {
    statefulTemplate.hasResource('AWS::DynamoDB::GlobalTable', {
      Properties: Match.objectLike({
        KeySchema: [{ AttributeName: 'key', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
      }),
      DeletionPolicy: 'Retain',
    });
  });

  it('#17.2: the worker is told its name (CASC_LEDGER_TABLE)', () => {
    const task = only(runtimeTemplate, 'AWS::ECS::TaskDefinition') as {
      ContainerDefinitions: { Environment: { Name: string; Value: unknown }[] }[];
    };
    const ledger = task.ContainerDefinitions[0]!.Environment.find((e) => e.Name === 'CASC_LEDGER_TABLE');
    expect(JSON.stringify(ledger?.Value)).toContain('EmailLedgerTable');
  });
});
