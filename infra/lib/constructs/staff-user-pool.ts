import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** Staff roles, one Cognito group each: functions/auth/principal.ts reads `cognito:groups`. */
export const STAFF_GROUPS = ['pa', 'director', 'credentialsOffice', 'districtCoordinator'] as const;

/**
 * Scope attributes (`custom:programId`, `custom:districtId` in the ID token). Only an administrator
 * sets them (AdminUpdateUserAttributes): no app client may write them, so no user can widen
 * their own scope.
 */
export const ADMIN_ONLY_ATTRIBUTES = ['programId', 'districtId'] as const;

export interface StaffUserPoolProps {
  /** Hosted sign-in domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region. */
  readonly domainPrefix: string;
}

/**
 * Staff sign-in (PA, director, credentials office, district coordinator) for the portal: accounts
 * made by administrators only, MFA required, threat protection on. Candidates, coaches and
 * supervisors sign in with the links in their emails instead. Stateful (the accounts), so it lives
 * in the stateful stack; the portal's app client lives with the API, which knows its URL.
 */
export class StaffUserPool extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffUserPoolProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'Pool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: Object.fromEntries(
        ADMIN_ONLY_ATTRIBUTES.map((name) => [
          name,
          new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
        ]),
      ),
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Staff read education records: a second factor always (an authenticator app, no SMS cost).
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    STAFF_GROUPS.forEach((group) => {
      this.userPool.addGroup(`Group-${group}`, { groupName: group, description: `CASC ${group}` });
    });
    this.domain = this.userPool.addDomain('HostedUi', { cognitoDomain: { domainPrefix: props.domainPrefix } });
  }

  /** The ID token issuer (OIDC discovery at `<issuer>/.well-known/openid-configuration`). */
  public get issuer(): string {
    return this.userPool.userPoolProviderUrl;
  }

  /**
   * The portal's app client: authorization code + PKCE (a public client, so no secret to keep),
   * redirecting to `<portalUrl>/auth/oidc/callback`. It may read the scope attributes, never write
   * them.
   */
  public addPortalClient(scope: Construct, id: string, portalUrl: string): cognito.UserPoolClient {
    const readable = new cognito.ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes(...ADMIN_ONLY_ATTRIBUTES);
    return new cognito.UserPoolClient(scope, id, {
      userPool: this.userPool,
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${portalUrl}/auth/oidc/callback`],
        logoutUrls: [`${portalUrl}/portal`],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      readAttributes: readable,
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
    });
  }
}
