// casc token --role R …: mints a local dev JWT (HS256, the dev secret) for the API and dashboard.
import { z } from 'zod';
import { ZProgramId } from '../../domain/lifecycle/candidate';
import { mintDevToken, loadOrCreateDevSecret } from '../../functions/auth/local-jwt';
import { ZApiRole, ZPrincipalClaims } from '../../functions/auth/principal';
import { readApiConfig } from '../../functions/config';
import { parse, print, UsageError, validate } from './args';

export const TOKEN_HELP = `usage: casc token --role ROLE [--candidate KEY]… [--program ID] [--district ID] [--sub ID] [--ttl 12h] [--json]

Mints a local development token (HS256, signed with AUTH_DEV_SECRET or <CASC_DATA_DIR>/dev-jwt-secret)
for the local API and dashboard. Use it as "Authorization: Bearer <token>", or open
http://127.0.0.1:8787/dashboard?token=<token> once in a browser.

  --role ROLE       ${ZApiRole.options.join(', ')}
  --candidate KEY   a candidate this token may see (repeat; candidate, coach, supervisor, districtCoordinator)
  --program ID      limit program staff (pa, instructor, credentialsOffice) to one program
  --district ID     district id (districtCoordinator)
  --sub ID          subject id (default: <role>-dev)
  --ttl DURATION    lifetime, e.g. 30m, 12h, 7d (default 12h)
  --json            print { token, claims } as JSON
  -h, --help        this text

exit codes: 0 ok · 2 usage`;

export async function tokenCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parse(
    argv,
    {
      role: { type: 'string' },
      candidate: { type: 'string', multiple: true },
      program: { type: 'string' },
      district: { type: 'string' },
      sub: { type: 'string' },
      ttl: { type: 'string' },
      json: { type: 'boolean' },
    },
    TOKEN_HELP,
  );
  if (values.help) return print(false, null, () => TOKEN_HELP);
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`, TOKEN_HELP);
  if (!values.role) throw new UsageError('--role is required', TOKEN_HELP);
  const role = validate(ZApiRole, values.role, 'role', TOKEN_HELP);
  const claims = validate(
    ZPrincipalClaims,
    {
      sub: values.sub ?? `${role}-dev`,
      role,
      ...(values.program ? { programId: validate(ZProgramId, values.program, 'program', TOKEN_HELP) } : {}),
      ...(values.candidate?.length ? { candidateKeys: values.candidate } : {}),
      ...(values.district ? { districtId: values.district } : {}),
    },
    'claims',
    TOKEN_HELP,
  );
  const ttl = validate(
    z.string().regex(/^\d{1,4}[smhd]$/, { error: 'expected a duration like 30m, 12h or 7d' }),
    values.ttl ?? '12h',
    '--ttl',
    TOKEN_HELP,
  );
  const config = readApiConfig();
  const secret = loadOrCreateDevSecret(config.dataDir, config.devSecret);
  const token = await mintDevToken({ secret, issuer: config.issuer, audience: config.audience }, claims, ttl);
  print(values.json, { token, claims }, () => token);
}
