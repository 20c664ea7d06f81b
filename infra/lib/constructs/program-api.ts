import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { REPO_ROOT } from './induction-worker-service';
import type { TemporalCloudConnection } from './temporal-cloud-connection';

/** Runtime of the API function: the newest Node.js Lambda offers (cdk-nag AwsSolutions-L1). */
export const API_RUNTIME = lambda.Runtime.NODEJS_24_X;

export interface ProgramApiProps {
  /** OIDC issuer (https URL) whose JWTs the API accepts. */
  readonly jwtIssuer: string;
  /** Accepted `aud` values. */
  readonly jwtAudience: string[];
  /** Temporal Cloud connection; the function gets the address, namespace and key secret ARN. */
  readonly temporal: TemporalCloudConnection;
  /** Non-secret configuration (CONTRACTS.md names). */
  readonly environment?: Record<string, string>;
  /**
   * Ready-made code for the function, with `index.handler` as its handler. Tests pass
   * `Code.fromInline(...)` so synth neither needs `functions/lambda.ts` nor runs esbuild.
   * @default - `entry` bundled with esbuild at synth time (NodejsFunction)
   */
  readonly code?: lambda.Code;
  /**
   * The TypeScript handler file; it must export `handler`.
   * @default '<repo>/functions/lambda.ts'
   */
  readonly entry?: string;
  /**
   * Function memory; CPU scales with it.
   * @default 512
   */
  readonly memorySize?: number;
  /**
   * Function log and API access log retention.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;
  /**
   * Steady-state request rate limit for the whole stage (requests/s).
   * @default 50
   */
  readonly rateLimit?: number;
  /**
   * Burst limit for the whole stage.
   * @default 100
   */
  readonly burstLimit?: number;
  /**
   * A custom domain for the portal and API (its ACM certificate must be in the stack's region);
   * CASC_PORTAL_URL becomes `https://<domainName>`.
   * @default - the HTTP API's own execute-api URL
   */
  readonly customDomain?: { readonly domainName: string; readonly certificateArn: string };
}

/**
 * Browser routes: the app authenticates them itself with its session cookie (magic links, staff
 * OIDC sign-in), so the JWT authorizer, which reads only an Authorization header, must not stand
 * in front of them.
 */
export const BROWSER_ROUTE_PREFIXES = ['/portal', '/auth', '/dashboard', '/reports', '/codec'] as const;

/**
 * The Hono app (API, dashboard, portal) as one Lambda function behind an HTTP API. The JSON API
 * routes need a valid JWT from the configured issuer; `GET /health` and the browser routes
 * (BROWSER_ROUTE_PREFIXES, authenticated by the app's session cookie) do not.
 */
export class ProgramApi extends Construct implements iam.IGrantable {
  public readonly function: lambda.Function;
  public readonly httpApi: apigw.HttpApi;
  public readonly stage: apigw.HttpStage;
  public readonly healthRoutes: apigw.HttpRoute[];
  /** What links in emails and the OIDC redirect use: the custom domain, else the API's URL. */
  public readonly portalUrl: string;

  constructor(scope: Construct, id: string, props: ProgramApiProps) {
    super(scope, id);
    const retention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;
    const functionLogs = new logs.LogGroup(this, 'FunctionLogs', { retention });

    // An explicit role instead of AWSLambdaBasicExecutionRole: writes to its own log group only.
    const role = new iam.Role(this, 'FunctionRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'CASC API function',
    });
    functionLogs.grantWrite(role);

    const common = {
      runtime: API_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      // HTTP API gives up after 30 s; stop the function first so the error is ours, not a 503.
      timeout: Duration.seconds(29),
      tracing: lambda.Tracing.ACTIVE,
      loggingFormat: lambda.LoggingFormat.JSON,
      logGroup: functionLogs,
      role,
      environment: { NODE_OPTIONS: '--enable-source-maps', ...props.environment },
      description: 'CASC induction API and dashboard (Hono)',
    };
    const entry = props.entry ?? path.join(REPO_ROOT, 'functions', 'lambda.ts');
    if (!props.code && !existsSync(entry)) {
      throw new Error(
        `The API function bundles ${path.relative(REPO_ROOT, entry)} (exporting \`handler\`), which does not exist yet.`,
      );
    }
    this.function = props.code
      ? new lambda.Function(this, 'Function', { ...common, code: props.code, handler: 'index.handler' })
      : new nodejs.NodejsFunction(this, 'Function', {
          ...common,
          entry,
          handler: 'handler',
          projectRoot: REPO_ROOT,
          depsLockFilePath: path.join(REPO_ROOT, 'package-lock.json'),
          bundling: { minify: true, sourceMap: true, target: 'node24', format: nodejs.OutputFormat.CJS },
        });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
    });
    props.temporal.connectFunction(this.function);

    const authorizer = new HttpJwtAuthorizer('CascJwt', props.jwtIssuer, {
      jwtAudience: props.jwtAudience,
      identitySource: ['$request.header.Authorization'],
    });
    this.httpApi = new apigw.HttpApi(this, 'HttpApi', {
      description: 'CASC induction API and dashboard',
      defaultAuthorizer: authorizer,
      createDefaultStage: false,
    });
    const integration = new HttpLambdaIntegration('App', this.function);
    this.httpApi.addRoutes({ path: '/{proxy+}', methods: [apigw.HttpMethod.ANY], integration });
    this.healthRoutes = this.httpApi.addRoutes({
      path: '/health',
      methods: [apigw.HttpMethod.GET],
      integration,
      authorizer: new apigw.HttpNoneAuthorizer(),
    });
    for (const route of this.healthRoutes) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'GET /health is the unauthenticated liveness probe for uptime checks; it returns only a status word, no program or candidate data.',
      });
    }
    // `/` only redirects to /portal.
    const browserPaths = ['/', ...BROWSER_ROUTE_PREFIXES.flatMap((prefix) => [prefix, `${prefix}/{proxy+}`])];
    for (const route of browserPaths.flatMap((p) =>
      this.httpApi.addRoutes({
        path: p,
        methods: [apigw.HttpMethod.ANY],
        integration,
        authorizer: new apigw.HttpNoneAuthorizer(),
      }),
    )) {
      Validations.of(route).acknowledge({
        id: 'AwsSolutions-APIG4',
        reason:
          'Browser route: the app authenticates it with its own signed, HttpOnly session cookie (magic link or staff OIDC sign-in) and answers 401 or the sign-in page without one; the JWT authorizer reads only the Authorization header a browser never sends.',
      });
    }

    const accessLogs = new logs.LogGroup(this, 'AccessLogs', { retention });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });

    if (props.customDomain) {
      const domainName = new apigw.DomainName(this, 'Domain', {
        domainName: props.customDomain.domainName,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.customDomain.certificateArn),
      });
      new apigw.ApiMapping(this, 'DomainMapping', { api: this.httpApi, domainName, stage: this.stage });
      this.portalUrl = `https://${props.customDomain.domainName}`;
    } else {
      // The function refers to the API, never the reverse (the integration refers to the function),
      // so this is no circular reference.
      this.portalUrl = this.httpApi.apiEndpoint;
    }
    this.function.addEnvironment('CASC_PORTAL_URL', this.portalUrl);
  }

  /** The function's role, for grants (bucket reads, …). */
  public get grantPrincipal(): iam.IPrincipal {
    return this.function.grantPrincipal;
  }

  /** Base URL of the API (the `$default` stage). */
  public get url(): string {
    return this.stage.url;
  }
}
