// Issue #15 item 1: the pure parts of staff sign-in — which claims make a role and a scope, which
// `next` paths are allowed, and how the OIDC settings are read from the environment.
import { describe, expect, it } from 'vitest';
import { readOidcConfig, safeNext, staffFromClaims } from '../../functions/portal/oidc';

describe('staffFromClaims (#15.1)', () => {
  it('#15.1 the role comes only from cognito:groups; custom:role and unknown groups are ignored', () => {
    expect(
      staffFromClaims({ sub: 'u1', 'cognito:groups': ['pa'], 'custom:programId': 'riverside', name: 'Dana Lee' }),
    ).toEqual({
      ok: true,
      role: 'pa',
      name: 'Dana Lee',
      programId: 'riverside',
    });
    const selfMade = { sub: 'u2', 'custom:role': 'pa', 'custom:programId': 'riverside' } as Parameters<
      typeof staffFromClaims
    >[0];
    expect(staffFromClaims(selfMade)).toEqual({ ok: false, why: 'noRole' });
    expect(staffFromClaims({ sub: 'u3', 'cognito:groups': ['admins', 'coach', 'candidate'] })).toEqual({
      ok: false,
      why: 'noRole',
    });
    expect(
      staffFromClaims({
        sub: 'u4',
        'cognito:groups': ['readers', 'credentialsOffice', 'pa'],
        email: 'ana@example.org',
      }),
    ).toEqual({
      ok: true,
      role: 'credentialsOffice',
      name: 'ana@example.org',
    });
  });

  it('#15.1 scope is the admin-set program / district; a malformed one is refused, not widened', () => {
    const coordinator = {
      sub: 'u5',
      'cognito:groups': ['districtCoordinator'],
      'custom:districtId': 'lakeview_usd',
      given_name: 'Sam',
      family_name: 'Ortiz',
    };
    expect(staffFromClaims(coordinator)).toEqual({
      ok: true,
      role: 'districtCoordinator',
      name: 'Sam Ortiz',
      districtId: 'lakeview_usd',
    });
    expect(staffFromClaims({ sub: 'u6', 'cognito:groups': ['pa'], 'custom:programId': 'River Side!' })).toEqual({
      ok: false,
      why: 'badScope',
    });
    expect(
      staffFromClaims({ sub: 'u7', 'cognito:groups': ['districtCoordinator'], 'custom:districtId': '../all' }),
    ).toEqual({ ok: false, why: 'badScope' });
  });
});

describe('safeNext (#15.1)', () => {
  it('#15.1 keeps portal, dashboard and report paths; anything else goes to /portal', () => {
    const cases: [unknown, string][] = [
      ['/portal/riverside-c1/tasks?x=1', '/portal/riverside-c1/tasks?x=1'],
      ['/dashboard/overview', '/dashboard/overview'],
      ['/reports', '/reports'],
      ['https://evil.example/', '/portal'],
      ['//evil.example/portal', '/portal'],
      ['/portal//evil.example', '/portal'],
      ['/\\evil.example', '/portal'],
      ['/portal\\..\\x', '/portal'],
      ['/portalevil', '/portal'],
      ['/api/candidates', '/portal'],
      ['/portal/a b', '/portal'],
      ['/portal/\n', '/portal'],
      [undefined, '/portal'],
      [`/portal/${'a'.repeat(600)}`, '/portal'],
    ];
    expect(cases.map(([next]) => safeNext(next))).toEqual(cases.map(([, want]) => want));
  });
});

describe('readOidcConfig (#15.1)', () => {
  it('#15.1 is off without OIDC_ISSUER, parsed with it, and refuses plain http off loopback', () => {
    expect(readOidcConfig({})).toBeUndefined();
    expect(readOidcConfig({ OIDC_ISSUER: '' })).toBeUndefined();
    expect(
      readOidcConfig({
        OIDC_ISSUER: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_abc',
        OIDC_CLIENT_ID: 'client123',
        OIDC_CLIENT_SECRET: '',
        OIDC_REDIRECT_URI: 'https://portal.example.org/auth/oidc/callback',
      }),
    ).toEqual({
      issuer: 'https://cognito-idp.us-west-2.amazonaws.com/us-west-2_abc',
      clientId: 'client123',
      redirectUri: 'https://portal.example.org/auth/oidc/callback',
    });
    const local = {
      OIDC_ISSUER: 'http://127.0.0.1:4000',
      OIDC_CLIENT_ID: 'c',
      OIDC_REDIRECT_URI: 'http://localhost:3000/auth/oidc/callback',
    };
    expect(readOidcConfig(local)?.issuer).toBe('http://127.0.0.1:4000');
    expect(() =>
      readOidcConfig({
        OIDC_ISSUER: 'http://idp.example.org',
        OIDC_CLIENT_ID: 'c',
        OIDC_REDIRECT_URI: 'https://p.example.org/cb',
      }),
    ).toThrow(
      'Invalid OIDC configuration (OIDC_ISSUER is set):\nOIDC_ISSUER: must be https (plain http only on 127.0.0.1/localhost)',
    );
    expect(() => readOidcConfig({ OIDC_ISSUER: 'https://idp.example.org' })).toThrow(
      /^Invalid OIDC configuration \(OIDC_ISSUER is set\):\nOIDC_CLIENT_ID: .*\nOIDC_REDIRECT_URI: /,
    );
  });
});
