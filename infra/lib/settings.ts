import { z } from 'zod';

/**
 * Deployment settings for one CASC induction environment, read from CDK context keys
 * `casc:<field>` (cdk.json, `cdk.context.json` or `-c casc:<field>=value`).
 *
 * Fields without a default are deployment-specific (a sender address, an identity provider,
 * a Temporal Cloud namespace): guessing them would deploy something that cannot work, so the
 * app refuses to synthesize until they are given.
 */
export const ZDeploymentSettings = z.object({
  /** Environment name used in stack names and resource names, e.g. `prod`, `staging`. */
  stage: z.string().regex(/^[a-z][a-z0-9-]{0,19}$/, 'lowercase letters, digits and dashes, at most 20 characters').default('prod'),
  /** 12-digit AWS account; defaults to the account of the CLI credentials (CDK_DEFAULT_ACCOUNT). */
  account: z.string().regex(/^\d{12}$/, '12-digit AWS account id').optional(),
  /** Region for every stack; SES sending happens here too (CONTRACTS: SES_REGION). */
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-west-2').default('us-west-2'),
  /** Verified sender address, becomes SES_FROM. */
  senderEmail: z.email(),
  /** Verify the whole domain (DKIM) instead of the single sender address. */
  senderDomain: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/i, 'a domain such as example.edu').optional(),
  /** OIDC issuer of the tokens the HTTP API accepts; must be https (the authorizer fetches its JWKS). */
  jwtIssuer: z.url({ protocol: /^https$/, error: 'an https:// issuer URL' }),
  /** Audience (`aud`) the tokens must carry. */
  jwtAudience: z.string().min(1).default('casc-api'),
  /** Temporal Cloud gRPC endpoint, `<namespace>.<account>.tmprl.cloud:7233` or the regional API-key endpoint. */
  temporalAddress: z.string().regex(/^[a-z0-9.-]+:\d{2,5}$/i, 'host:port, e.g. casc.a1b2c.tmprl.cloud:7233'),
  /** Temporal Cloud namespace, `<namespace>.<account>`. */
  temporalNamespace: z.string().min(1),
  /** Task queue for workflows and non-email activities. */
  taskQueue: z.string().min(1).default('casc-induction'),
  /** Task queue for rate-limited email activities. */
  emailTaskQueue: z.string().min(1).default('casc-email'),
  /** SES account sending rate (emails/s); the worker turns it into maxTaskQueueActivitiesPerSecond. */
  sesMaxSendRate: z.coerce.number().positive().default(14),
  /**
   * Fewest worker tasks. Deploy the very first time with 0, put the Temporal API key into its
   * secret, then deploy again with the default: a worker without a key crash-loops, and ECS would
   * roll the whole first deployment back.
   */
  workerMinTasks: z.coerce.number().int().min(0).max(10).default(1),
  /** Most worker tasks autoscaling may start. */
  workerMaxTasks: z.coerce.number().int().min(1).max(20).default(4),
  /** Where alarms are emailed; without it the alarm topic has no subscriber. */
  alarmEmail: z.email().optional(),
  /** Recipient of handoff packets (CREDENTIALS_OFFICE_EMAIL). */
  credentialsOfficeEmail: z.email().optional(),
  /** Recipient of escalations (PA_EMAIL). */
  paEmail: z.email().optional(),
  /** Custom domain for the portal and API (e.g. induction.district.org); needs portalCertificateArn. */
  portalDomainName: z.string().regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/i, 'a domain such as induction.example.edu').optional(),
  /** ACM certificate (in `region`) for portalDomainName. */
  portalCertificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/.+$/, 'an ACM certificate ARN').optional(),
  /** Prefix of the staff sign-in (Cognito hosted UI) domain; default casc-<stage>-<account>. */
  staffSignInDomainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and dashes').optional(),
  /** Days a replaced or deleted object version is kept before it expires. */
  noncurrentVersionRetentionDays: z.coerce.number().int().min(1).default(90),
  /** Days after which archived programs move to S3 Glacier Flexible Retrieval. */
  archiveToGlacierAfterDays: z.coerce.number().int().min(30).default(365),
});
export type TDeploymentSettings = z.infer<typeof ZDeploymentSettings>;

/** Both custom-domain settings or neither; the error names the missing one. */
function domainProblem(s: Partial<TDeploymentSettings>): string | undefined {
  if (s.portalDomainName && !s.portalCertificateArn) return `  - ${CONTEXT_PREFIX}portalCertificateArn: missing (required with portalDomainName)`;
  if (s.portalCertificateArn && !s.portalDomainName) return `  - ${CONTEXT_PREFIX}portalDomainName: missing (required with portalCertificateArn)`;
  return undefined;
}

export const CONTEXT_PREFIX = 'casc:';
const SETTING_KEYS = Object.keys(ZDeploymentSettings.shape) as (keyof TDeploymentSettings)[];

/** Something that can answer CDK context look-ups (an App or any construct's node). */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

/**
 * Reads and validates `casc:*` context. Throws one error naming every missing or invalid key,
 * so a first deploy shows the whole list at once.
 */
export function readDeploymentSettings(context: ContextSource, env: NodeJS.ProcessEnv = process.env): TDeploymentSettings {
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = context.tryGetContext(`${CONTEXT_PREFIX}${key}`);
    // `-c key=` arrives as an empty string: treat it as "not given" so defaults still apply.
    if (value !== undefined && value !== null && value !== '') raw[key] = value;
  }
  raw.account ??= env.CDK_DEFAULT_ACCOUNT;
  const parsed = ZDeploymentSettings.safeParse(raw);
  const domain = domainProblem(parsed.success ? parsed.data : (raw as Partial<TDeploymentSettings>));
  if (parsed.success && !domain) return parsed.data;
  const issues = parsed.success ? [] : parsed.error.issues;
  const lines = issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const problem = raw[field] === undefined ? 'missing' : issue.message;
    return `  - ${CONTEXT_PREFIX}${field}: ${problem}`;
  });
  throw new Error(
    [
      'CASC deployment settings are missing or invalid:',
      ...lines,
      ...(domain ? [domain] : []),
      `Set them in cdk.json "context" or pass them on the command line, e.g. -c ${CONTEXT_PREFIX}senderEmail=induction@district.org`,
      '(see docs/deploy.md, "Settings").',
    ].join('\n'),
  );
}
