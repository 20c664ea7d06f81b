// API Gateway HTTP API (payload format 2.0) ⇄ Fetch API, for the Hono app. The types are written
// here from the AWS payload documentation (no @types/aws-lambda in the project); only the fields
// the adapter reads are required.
import type { TLambdaBindings } from './app-env';

export interface APIGatewayProxyEventV2WithJWTAuthorizer {
  version: string;
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  pathParameters?: Record<string, string | undefined>;
  stageVariables?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded: boolean;
  requestContext: {
    accountId: string;
    apiId: string;
    authorizer?: {
      jwt?: { claims: Record<string, string | number | boolean | string[]>; scopes: string[] | null };
      principalId?: string;
      integrationLatency?: number;
    };
    domainName: string;
    domainPrefix?: string;
    http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string };
    requestId: string;
    routeKey: string;
    stage: string;
    time: string;
    timeEpoch: number;
  };
}

export interface APIGatewayProxyResultV2 {
  statusCode: number;
  headers?: Record<string, string>;
  cookies?: string[];
  body?: string;
  isBase64Encoded?: boolean;
}

export interface FetchApp {
  fetch(request: Request, env: TLambdaBindings): Response | Promise<Response>;
}

export function requestFromEvent(event: APIGatewayProxyEventV2WithJWTAuthorizer): Request {
  const host = event.headers.host ?? event.requestContext.domainName;
  const url = `https://${host}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers)) if (value !== undefined) headers.set(name, value);
  // Payload 2.0 moves Cookie headers into `cookies`.
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const method = event.requestContext.http.method.toUpperCase();
  const hasBody = method !== 'GET' && method !== 'HEAD' && event.body !== undefined;
  const body = hasBody ? (event.isBase64Encoded ? Buffer.from(event.body!, 'base64') : event.body) : undefined;
  return new Request(url, { method, headers, body });
}

const TEXTUAL = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)|image\/svg\+xml)|\+json|\+xml/;

export async function resultFromResponse(res: Response): Promise<APIGatewayProxyResultV2> {
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== 'set-cookie') headers[name] = value;
  });
  const cookies = res.headers.getSetCookie();
  const type = res.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await res.arrayBuffer());
  const textual = bytes.length === 0 || TEXTUAL.test(type);
  return {
    statusCode: res.status,
    headers,
    ...(cookies.length ? { cookies } : {}),
    body: textual ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !textual,
  };
}

/** A Lambda handler serving `app`; the authorizer's claims reach the app as a binding. */
export function lambdaHandlerFor(getApp: () => FetchApp | Promise<FetchApp>) {
  return async (event: APIGatewayProxyEventV2WithJWTAuthorizer): Promise<APIGatewayProxyResultV2> => {
    const app = await getApp();
    const claims = event.requestContext.authorizer?.jwt?.claims;
    const res = await app.fetch(requestFromEvent(event), claims ? { apiGatewayClaims: claims } : {});
    return resultFromResponse(res);
  };
}
