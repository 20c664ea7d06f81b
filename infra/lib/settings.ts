import { z } from 'zod';
import { STAGES, STAGE_NAMES, type TStageConfig } from '../stages';

/**
 * Deployment settings for one CASC induction environment: the stage (`-c stage=dev|prod`, no
 * default) picks an entry of infra/stages.ts; the rest are CDK context keys `casc:<field>`
 * (cdk.json, `cdk.context.json` or `-c casc:<field>=value`), which override the stage's values.
 *
 * Fields without a default are deployment-specific (a sender address, an identity provider,
 * a Temporal Cloud namespace): guessing them would deploy something that cannot work, so the
 * app refuses to synthesize until they are given.
 */
export const ZDeploymentSettings = z.object({
  /** Environment name used in stack and resource names; one of infra/stages.ts. Context key `stage`. */
  stage: z.enum(STAGE_NAMES, { error: `one of ${STAGE_NAMES.join(', ')} (infra/stages.ts)` }),
  /** 12-digit AWS account; defaults to the account of the CLI credentials (CDK_DEFAULT_ACCOUNT). */
  account: z
    .string()
    .regex(/^\d{12}$/, '12-digit AWS account id')
    .optional(),
  /** Region for every stack; SES sending happens here too (CONTRACTS: SES_REGION). */
  region: z
    .string()
    .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as us-west-2')
    .default('us-west-2'),
  /** Verified sender address, becomes SES_FROM. */
  senderEmail: z.email(),
  /** Verify the whole domain (DKIM) instead of the single sender address. */
  senderDomain: z
    .string()
    .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/i, 'a domain such as example.edu')
    .optional(),
  /** OIDC issuer of the tokens the HTTP API accepts; must be https (the authorizer fetches its JWKS). */
  jwtIssuer: z.url({ protocol: /^https$/, error: 'an https:// issuer URL' }),
  /** Audience (`aud`) the tokens must carry. */
  jwtAudience: z.string().min(1).default('casc-api'),
  /** Temporal Cloud gRPC endpoint, `<namespace>.<account>.tmprl.cloud:7233` or the regional API-key endpoint. */
  temporalAddress: z.string().regex(/^[a-z0-9.-]+:\d{2,5}$/i, 'host:port, e.g. casc.a1b2c.tmprl.cloud:7233'),
  /** Temporal Cloud namespace, `<namespace>.<account>`. */
  temporalNamespace: z.string().min(1),
  /** Task queue for workflows and non-email activities; email activities run on `<taskQueue>-email`. */
  taskQueue: z.string().min(1).default('casc-induction'),
  /** SES account sending rate (emails/s); the worker turns it into maxTaskQueueActivitiesPerSecond. */
  sesMaxSendRate: z.coerce.number().positive().default(14),
  /**
   * Fewest worker tasks. Deploy the very first time with 0, put the Temporal API key into its
   * secret, then deploy again with the default: a worker without a key crash-loops, and ECS would
   * roll the whole first deployment back.
   */
  workerMinTasks: z.coerce.number().int().min(0).max(10),
  /** Most worker tasks autoscaling may start. */
  workerMaxTasks: z.coerce.number().int().min(1).max(20),
  /** Where alarms are emailed; without it the alarm topic has no subscriber. */
  alarmEmail: z.email().optional(),
  /** Custom domain for the portal and API (e.g. induction.district.org); needs portalCertificateArn. */
  portalDomainName: z
    .string()
    .regex(/^([a-z0-9-]+\.)+[a-z]{2,}$/i, 'a domain such as induction.example.edu')
    .optional(),
  /** ACM certificate (in `region`) for portalDomainName. */
  portalCertificateArn: z
    .string()
    .regex(/^arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate\/.+$/, 'an ACM certificate ARN')
    .optional(),
  /** Prefix of the staff sign-in (Cognito hosted UI) domain; default casc-<stage>-<account>. */
  staffSignInDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and dashes')
    .optional(),
  /** Days a replaced or deleted object version is kept before it expires. */
  noncurrentVersionRetentionDays: z.coerce.number().int().min(1),
  /** Days after which archived programs move to S3 Glacier Flexible Retrieval. */
  archiveToGlacierAfterDays: z.coerce.number().int().min(30),
});
export type TDeploymentSettings = z.infer<typeof ZDeploymentSettings> & {
  /** The stage's entry of infra/stages.ts (Object Lock, backup, protection, log retention). */
  readonly profile: TStageConfig;
};

/** Keys of a stage entry that are defaults for `casc:*` settings of the same name. */
const STAGE_DEFAULT_KEYS = [
  'workerMinTasks',
  'workerMaxTasks',
  'noncurrentVersionRetentionDays',
  'archiveToGlacierAfterDays',
] as const;

/** The stage's values under `raw` (raw wins), parsed; `raw.stage` must name a stage. */
export function deploymentSettings(
  raw: Record<string, unknown>,
): { success: true; data: TDeploymentSettings } | { success: false; error: z.ZodError } {
  const stage = STAGE_NAMES.find((name) => name === raw.stage);
  const profile: TStageConfig | undefined = stage ? STAGES[stage] : undefined;
  const merged = { ...(profile ? Object.fromEntries(STAGE_DEFAULT_KEYS.map((k) => [k, profile[k]])) : {}), ...raw };
  const parsed = ZDeploymentSettings.safeParse(merged);
  return parsed.success
    ? { success: true, data: { ...parsed.data, profile: profile! } }
    : { success: false, error: parsed.error };
}

/** Both custom-domain settings or neither; the error names the missing one. */
function domainProblem(s: Partial<TDeploymentSettings>): string | undefined {
  if (s.portalDomainName && !s.portalCertificateArn)
    return `  - ${CONTEXT_PREFIX}portalCertificateArn: missing (required with portalDomainName)`;
  if (s.portalCertificateArn && !s.portalDomainName)
    return `  - ${CONTEXT_PREFIX}portalDomainName: missing (required with portalCertificateArn)`;
  return undefined;
}

export const CONTEXT_PREFIX = 'casc:';
/** The stage is chosen with `-c stage=…`, not a `casc:` key. */
export const STAGE_CONTEXT_KEY = 'stage';
const SETTING_KEYS = (Object.keys(ZDeploymentSettings.shape) as (keyof z.infer<typeof ZDeploymentSettings>)[]).filter(
  (k) => k !== 'stage',
);
/** Keys that once existed and now mean nothing: refuse them instead of ignoring them silently. */
const RETIRED_KEYS: Record<string, string> = {
  [`${CONTEXT_PREFIX}stage`]: 'use -c stage=<name> (infra/stages.ts)',
  [`${CONTEXT_PREFIX}emailTaskQueue`]: 'removed: email activities run on `<casc:taskQueue>-email`',
  [`${CONTEXT_PREFIX}paEmail`]: "removed: each candidate's PA comes from the roster (paEmail column)",
  [`${CONTEXT_PREFIX}credentialsOfficeEmail`]:
    "removed: nothing read it; a handoff goes to the candidate's credentialsOffice contact, else the PA",
};

/** Something that can answer CDK context look-ups (an App or any construct's node). */
export interface ContextSource {
  tryGetContext(key: string): unknown;
}

/**
 * Reads and validates `casc:*` context. Throws one error naming every missing or invalid key,
 * so a first deploy shows the whole list at once.
 */
export function readDeploymentSettings(
  context: ContextSource,
  env: NodeJS.ProcessEnv = process.env,
): TDeploymentSettings {
  const given = (key: string) => {
    const value = context.tryGetContext(key);
    // `-c key=` arrives as an empty string: treat it as "not given" so defaults still apply.
    return value !== undefined && value !== null && value !== '' ? value : undefined;
  };
  const raw: Record<string, unknown> = {};
  for (const key of SETTING_KEYS) {
    const value = given(`${CONTEXT_PREFIX}${key}`);
    if (value !== undefined) raw[key] = value;
  }
  const stage = given(STAGE_CONTEXT_KEY);
  if (stage !== undefined) raw.stage = stage;
  raw.account ??= env.CDK_DEFAULT_ACCOUNT;
  const parsed = deploymentSettings(raw);
  const domain = domainProblem(parsed.success ? parsed.data : (raw as Partial<TDeploymentSettings>));
  const retired = Object.entries(RETIRED_KEYS)
    .filter(([key]) => given(key) !== undefined)
    .map(([key, why]) => `  - ${key}: ${why}`);
  if (parsed.success && !domain && retired.length === 0) return parsed.data;
  // Without a valid stage, the stage's defaults are missing too: say so once, under `stage`.
  const fromStage = (field: string) =>
    (STAGE_DEFAULT_KEYS as readonly string[]).includes(field) && raw[field] === undefined;
  const issues = parsed.success ? [] : parsed.error.issues.filter((issue) => !fromStage(String(issue.path[0] ?? '')));
  const lines = issues.map((issue) => {
    const field = String(issue.path[0] ?? '');
    const problem = raw[field] === undefined ? 'missing' : issue.message;
    const key = field === 'stage' ? STAGE_CONTEXT_KEY : `${CONTEXT_PREFIX}${field}`;
    return field === 'stage' && raw.stage === undefined
      ? `  - ${key}: missing (pass -c stage=${STAGE_NAMES.join('|')})`
      : `  - ${key}: ${problem}`;
  });
  throw new Error(
    [
      'CASC deployment settings are missing or invalid:',
      ...lines,
      ...(domain ? [domain] : []),
      ...retired,
      `Set them in cdk.json "context" or pass them on the command line, e.g. -c ${CONTEXT_PREFIX}senderEmail=induction@district.org`,
      '(see docs/deploy.md, "Settings").',
    ].join('\n'),
  );
}
