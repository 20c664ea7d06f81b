// A submitted urlencoded form → the event, validated by ZCandidateEvent (the API's own schema), or
// a plain-words message per field name. Only the form's own fields are read: `by`, `_csrf`, `_idem`
// and anything else in the body are ignored, and role-fixed values never come from the body.
import { ZCandidateEvent, type TCandidateEvent, type TEventType } from '../../../domain/events';
import type { TApiRole } from '../../auth/principal';
import { allFields, eventFormFields } from './fields';
import { groupMessage, leafMessage, rowsMessage } from './messages';
import type { TFormBody, TFormField, TFormLeaf } from './types';

export type TParseResult = { ok: true; event: TCandidateEvent } | { ok: false; errors: Record<string, string> };

const first = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const isBlank = (v: unknown): boolean =>
  v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

function coerce(field: TFormLeaf, body: TFormBody): unknown {
  if (field.kind === 'fixed') return field.value;
  const raw = first(body[field.name]);
  const text = raw?.replace(/\r\n/g, '\n');
  const trimmed = text?.trim() ?? '';
  switch (field.kind) {
    case 'checkbox':
      return trimmed === '' ? undefined : true;
    case 'yesNo':
      return trimmed === 'yes' ? true : trimmed === 'no' ? false : undefined;
    case 'lines': {
      const lines = trimmed
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      return lines.length > 0 ? lines : field.required ? [] : undefined;
    }
    case 'number':
      return trimmed === '' ? undefined : NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
    case 'select':
      return trimmed === '' ? undefined : field.numeric && NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
    case 'email':
    case 'date':
      return trimmed === '' ? undefined : trimmed;
    default:
      // Schemas that trim do so themselves; keep the text as typed so lengths match the schema's.
      return trimmed === '' ? undefined : text;
  }
}

interface TCollected {
  /** Array index after blank rows were dropped → the row's name on the form. */
  renamed: Map<string, string>;
}

function collect(field: TFormField, body: TFormBody, c: TCollected): unknown {
  if (field.kind === 'group') {
    const obj = collectInto({}, field.fields, body, c);
    return Object.keys(obj).length > 0 ? obj : field.required ? {} : undefined;
  }
  if (field.kind === 'rows') {
    const values = field.rows.map((row) => collect(row, body, c));
    if (values.every(isBlank)) return field.required ? (field.dropBlankRows ? [] : values.map(() => ({}))) : undefined;
    if (!field.dropBlankRows) return values.map((v) => v ?? {});
    const kept = values.map((v, i) => ({ v, i })).filter(({ v }) => !isBlank(v));
    kept.forEach(({ i }, j) => c.renamed.set(`${field.name}.${j}`, `${field.name}.${i}`));
    return kept.map(({ v }) => v);
  }
  return coerce(field, body);
}

function collectInto(
  obj: Record<string, unknown>,
  fields: readonly TFormField[],
  body: TFormBody,
  c: TCollected,
): Record<string, unknown> {
  for (const field of fields) {
    if (field.kind === 'group' && !field.nested) {
      collectInto(obj, field.fields, body, c);
      continue;
    }
    const value = collect(field, body, c);
    if (value !== undefined) obj[field.name.split('.').pop()!] = value;
  }
  return obj;
}

/** Turns a submitted urlencoded body into the event, or per-field errors in plain words. */
export function parseEventForm(type: TEventType, role: TApiRole, body: TFormBody): TParseResult {
  const fields = eventFormFields(type, role);
  const c: TCollected = { renamed: new Map() };
  const candidate = collectInto({ type }, fields, body, c);
  const parsed = ZCandidateEvent.safeParse(candidate);
  if (parsed.success) return { ok: true, event: parsed.data };

  const byName = new Map(allFields(fields).map((f) => [f.name, f]));
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    let path = issue.path.map(String);
    const rowKey = path.slice(0, 2).join('.');
    const renamed = c.renamed.get(rowKey);
    if (renamed) path = [...renamed.split('.'), ...path.slice(2)];
    // The nearest field on the form: a line of a one-per-line textarea belongs to the textarea.
    let field: TFormField | undefined;
    for (let k = path.length; k > 0 && !field; k--) field = byName.get(path.slice(0, k).join('.'));
    const name = field?.name ?? '_form';
    if (errors[name]) continue;
    if (!field) errors[name] = issue.message;
    else if (field.kind === 'rows') Object.assign(errors, rowsErrors(field, issue, candidate[field.name]));
    else if (field.kind === 'group') errors[name] = groupMessage(field, issue);
    else errors[name] = leafMessage(field, issue, first(body[field.name]));
  }
  return { ok: false, errors };
}

/** A list-level issue; IIP goals naming one standard twice are reported on the repeated choice. */
function rowsErrors(
  field: Extract<TFormField, { kind: 'rows' }>,
  issue: Parameters<typeof rowsMessage>[1],
  value: unknown,
): Record<string, string> {
  const items = Array.isArray(value) ? (value as unknown[]) : [];
  if (issue.code === 'custom') {
    const seen = new Map<unknown, number>();
    const out: Record<string, string> = {};
    items.forEach((item, i) => {
      const standard = (item as { cpsel?: unknown }).cpsel;
      const earlier = seen.get(standard);
      if (earlier === undefined) seen.set(standard, i);
      else
        out[`${field.name}.${i}.cpsel`] =
          `Choose a different standard from goal ${earlier + 1}: each goal names a different CPSEL standard`;
    });
    if (Object.keys(out).length > 0) return out;
  }
  return { [field.name]: rowsMessage(field, issue, items.length) };
}
