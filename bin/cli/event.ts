// casc event KEY --type T [--data JSON | --file F]: records one event of the vocabulary, checked
// with the same schema as the API before anything is sent; the workflow's validator has the last word.
import { readFileSync } from 'node:fs';
import { EVENT_TYPES, ZCandidateEvent } from '../../domain/events';
import { ZCandidateKey } from '../../functions/auth/principal';
import { parse, print, UsageError, validate } from './args';
import type { CliContext } from './context';

export const EVENT_HELP = `usage: casc event KEY --type TYPE [--data JSON | --file FILE] [--json]

Records an event for candidate KEY (<programId>-<candidateId>). The event's fields come from --data
(a JSON object) or --file (a JSON file); "type" is taken from --type. Every event may carry
"date" (YYYY-MM-DD, default today).

  --type TYPE    one of: ${EVENT_TYPES.join(', ')}
  --data JSON    the event's fields, e.g. '{"hours": 2}'
  --file FILE    the same, from a file
  --json         print the result as JSON
  -h, --help     this text

exit codes: 0 recorded · 1 unknown candidate or not allowed now (nothing changed) · 2 usage or invalid event`;

export async function eventCommand(argv: string[], ctx: CliContext): Promise<void> {
  const { values, positionals } = parse(
    argv,
    { type: { type: 'string' }, data: { type: 'string' }, file: { type: 'string' }, json: { type: 'boolean' } },
    EVENT_HELP,
  );
  if (values.help) return print(false, null, () => EVENT_HELP);
  const [key, ...extra] = positionals;
  if (!key) throw new UsageError('missing KEY', EVENT_HELP);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}'`, EVENT_HELP);
  validate(ZCandidateKey, key, 'candidate key', EVENT_HELP);
  if (!values.type) throw new UsageError('--type is required', EVENT_HELP);
  if (values.data !== undefined && values.file !== undefined)
    throw new UsageError('give --data or --file, not both', EVENT_HELP);

  let text = values.data ?? '{}';
  if (values.file !== undefined) {
    try {
      text = readFileSync(values.file, 'utf8');
    } catch (err) {
      throw new UsageError(
        `cannot read ${values.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
        EVENT_HELP,
      );
    }
  }
  let fields: unknown;
  try {
    fields = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`the event data is not valid JSON: ${(err as Error).message}`, EVENT_HELP);
  }
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
    throw new UsageError('the event data must be a JSON object', EVENT_HELP);
  const event = validate(ZCandidateEvent, { ...fields, type: values.type }, 'event', EVENT_HELP);
  const accepted = await (
    await ctx.candidates()
  ).recordEvent(key, { ...event, by: event.by ?? { role: 'system', id: ctx.operator } });
  print(values.json, accepted, () => `${key}: ${accepted.type} recorded for ${accepted.date}; phase ${accepted.phase}`);
}
