// A real OpenID provider (panva's `oidc-provider`, the certified implementation) on 127.0.0.1 for
// the staff sign-in tests: one confidential client (code flow, PKCE required) and accounts whose
// ID-token claims look like a Cognito user pool's (`cognito:groups`, `custom:*`). Its dev
// interactions (a login form and a consent form) are submitted by the test with plain form POSTs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';

/** The claims an account's ID token carries besides `sub`. */
export type TAccountClaims = Record<string, unknown>;

export interface TTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

// oidc-provider ships ESM without type declarations; this is the slice of it the tests use.
interface TProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
}
type TProviderClass = new (issuer: string, configuration: Record<string, unknown>) => TProviderInstance;

/** Claim names released to the client (Cognito puts these in the ID token). */
const RELEASED = ['cognito:groups', 'custom:programId', 'custom:districtId', 'custom:role', 'name', 'email'];

export async function startOidcProvider(opts: {
  redirectUri: string;
  accounts: Record<string, TAccountClaims>;
}): Promise<TTestProvider> {
  // Its one-time start-up warnings (Node 20, in-memory adapter, dev interactions) are what a test
  // IdP is meant to be; filter exactly those so test output stays readable.
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (!String(args[0]).includes('oidc-provider WARNING')) warn(...args);
  };
  try {
    return await startQuietly(opts);
  } finally {
    console.warn = warn;
  }
}

async function startQuietly(opts: {
  redirectUri: string;
  accounts: Record<string, TAccountClaims>;
}): Promise<TTestProvider> {
  const specifier = 'oidc-provider'; // a variable: the package has no type declarations to check
  const { default: Provider } = (await import(specifier)) as { default: TProviderClass };
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-rs256', alg: 'RS256', use: 'sig' };

  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'casc-portal-test';
  const clientSecret = 'test-client-secret-0123456789abcdef';

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    pkce: { required: () => true },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AuthorizationCode: 60, AccessToken: 600, IdToken: 600 },
    jwks: { keys: [signingKey] },
    cookies: { keys: ['oidc-provider-test-cookie-key-0123456789'] },
    features: { devInteractions: { enabled: true } },
    // Put the account's claims in the ID token (as Cognito does), not only behind userinfo.
    conformIdTokenClaims: false,
    claims: { openid: ['sub', ...RELEASED] },
    findAccount: (_ctx: unknown, accountId: string) => {
      const claims = opts.accounts[accountId];
      if (!claims) return undefined;
      return { accountId, claims: () => ({ sub: accountId, ...claims }) };
    },
  });
  server.on('request', provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&#x2F;/gi, '/')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

/**
 * A browser reduced to what sign-in needs: one cookie jar per origin (names are distinct across
 * paths here), redirects followed by hand so each hop's status, Location and Set-Cookie can be
 * asserted, and the provider's dev login and consent forms submitted as a person would.
 */
export class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(origin)?.get(name);
  }

  /** The raw Set-Cookie header a response sent for one cookie name. */
  setCookieHeader(res: Response, name: string): string | undefined {
    return res.headers.getSetCookie().find((h) => h.startsWith(`${name}=`));
  }

  get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      body: new URLSearchParams(form),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  }

  /**
   * From the app's redirect to the provider, through the provider's login (and consent) to the
   * app's callback. `abort` cancels at the login form; `stopBeforeCallback` returns the callback
   * URL without opening it (an attacker keeping their code for someone else's browser).
   */
  async throughProvider(
    toProvider: Response,
    accountId: string,
    opts: { abort?: boolean; stopBeforeCallback?: boolean } = {},
  ): Promise<{ callback: Response; callbackUrl: string }> {
    let res = toProvider;
    let at = new URL(toProvider.url);
    for (let hop = 0; hop < 20; hop++) {
      if (res.status >= 300 && res.status < 400) {
        const next = new URL(res.headers.get('location')!, at);
        if (next.pathname.endsWith('/auth/oidc/callback')) {
          if (opts.stopBeforeCallback) return { callback: res, callbackUrl: next.href };
          return { callback: await this.get(next.href), callbackUrl: next.href };
        }
        at = next;
        res = await this.get(next.href);
        continue;
      }
      const page = await res.text();
      if (res.status !== 200)
        throw new Error(`provider answered ${res.status} at ${at.pathname}: ${page.slice(0, 300)}`);
      const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
      const prompt = /name="prompt" value="([a-z]+)"/.exec(page)?.[1];
      if (!action || !prompt) throw new Error(`no interaction form at ${at.pathname}`);
      if (prompt === 'login' && opts.abort) {
        const abort = /<a href="([^"]*\/abort)"/.exec(page)?.[1];
        at = new URL(decodeEntities(abort!), at);
        res = await this.get(at.href);
        continue;
      }
      at = new URL(decodeEntities(action), at);
      res = await this.post(at.href, prompt === 'login' ? { prompt, login: accountId, password: 'any' } : { prompt });
    }
    throw new Error('sign-in did not reach the callback in 20 hops');
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jars.get(origin) ?? new Map<string, string>();
    this.jars.set(origin, jar);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=.*1970/i.test(a));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
}
