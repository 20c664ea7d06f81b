// One server-rendered <form> per event: every control has a <label for>, groups are fieldsets,
// errors sit beside their field (aria-invalid + aria-describedby) and in a summary at the top that
// links to them. Works without JavaScript; `html` escapes every value, so typed text cannot inject.
import type { TEventType } from '../../../domain/events';
import type { TApiRole } from '../../auth/principal';
import { html, trusted, type Html } from '../../dashboard/html';
import { eventFormFields, leaves } from './fields';
import type { TFormField, TFormGroup, TFormLeaf, TFormRows } from './types';
import { SUBMIT_TEXT } from './words';

export interface TRenderEventForm {
  type: TEventType;
  role: TApiRole;
  /** POST target (the portal's route). */
  action: string;
  csrfToken: string;
  idempotencyKey: string;
  /** Re-filled after an error. */
  values?: Record<string, string | string[]>;
  /** Field name → plain-words message. */
  errors?: Record<string, string>;
  /** A refusal of the whole form, e.g. the workflow's 409 reason. */
  formError?: string;
  /** Values fixed by the task link, e.g. { year: '1', window: 'endYear1' }: shown, not editable. */
  preset?: Record<string, string>;
  people?: { coachName?: string; supervisorName?: string; candidateName?: string };
}

interface TCtx {
  type: TEventType;
  values: Record<string, string | string[]>;
  errors: Record<string, string>;
  preset: Record<string, string>;
}

/**
 * A control's id: the event type, then the field name with dots as dashes (`coachingLogged-hours`),
 * so several forms on one page (a task page offers more than one) never share an id.
 */
export const fieldId = (type: TEventType, name: string): string => `${type}-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const valueOf = (ctx: TCtx, name: string): string => {
  const v = ctx.preset[name] ?? ctx.values[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};

function describedBy(id: string, hint: boolean, error: boolean): Html {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return ids ? html` aria-describedby="${ids}"` : html``;
}
const invalid = (error: string | undefined): Html => (error ? trusted(' aria-invalid="true"') : html``);
const needed = (required: boolean): Html => html` <span class="need">${required ? '(required)' : '(optional)'}</span>`;
const hintOf = (id: string, hint: string | undefined): Html =>
  hint ? html`<div class="hint" id="${id}-hint">${hint}</div>` : html``;
const errorOf = (id: string, error: string | undefined): Html =>
  error
    ? html`<p class="field-error" id="${id}-error"><span class="visually-hidden">Error: </span>${error}</p>`
    : html``;

/** A number field's limits as a hint, when words.ts gives none. */
function numberHint(f: Extract<TFormLeaf, { kind: 'number' }>): string | undefined {
  if (f.hint) return f.hint;
  if (f.min !== undefined && f.max !== undefined)
    return `${f.integer ? 'A whole number' : 'A number'} from ${f.min} to ${f.max}.`;
  return undefined;
}

function renderPreset(f: TFormLeaf, ctx: TCtx): Html {
  const v = ctx.preset[f.name]!;
  const shown = f.kind === 'select' ? (f.options.find((o) => o.value === v)?.label ?? v) : v;
  return html`<div class="field fixed"><span class="fixed-label">${f.label}:</span> <strong>${shown}</strong>${hidden(f.name, v)}</div>`;
}

const hidden = (name: string, value: string): Html => html`<input type="hidden" name="${name}" value="${value}">`;
const on = (yes: boolean, attr: string): Html => (yes ? trusted(` ${attr}`) : html``);

function options(f: Extract<TFormLeaf, { kind: 'select' }>, value: string): Html {
  const choose = html`<option value="">${f.required ? 'Choose…' : 'None'}</option>\n`;
  return html`${choose}${f.options.map((o) => html`<option value="${o.value}"${on(o.value === value, 'selected')}>${o.label}</option>\n`)}`;
}

function yesNo(f: TFormLeaf, id: string, value: string, error: string | undefined): Html {
  return html`${(['yes', 'no'] as const).map((v) => {
    const radio = html`<input type="radio" id="${id}-${v}" name="${f.name}" value="${v}"${on(value === v, 'checked')}${invalid(error)}>`;
    return html`<div class="choice">${radio} <label for="${id}-${v}">${v === 'yes' ? 'Yes' : 'No'}</label></div>`;
  })}`;
}

function renderLeaf(f: TFormLeaf, ctx: TCtx): Html {
  if (ctx.preset[f.name] !== undefined && f.kind !== 'fixed') return renderPreset(f, ctx);
  const id = fieldId(ctx.type, f.name);
  const error = ctx.errors[f.name];
  const value = valueOf(ctx, f.name);
  const hint = f.kind === 'number' ? numberHint(f) : f.hint;
  const described = describedBy(id, hint !== undefined, error !== undefined);
  /** Attributes every control ends with: required, aria-invalid, aria-describedby. */
  const tail = html`${on(f.required, 'required')}${invalid(error)}${described}`;
  const idName = html`id="${id}" name="${f.name}"`;
  const maxlength = 'maxLength' in f && f.maxLength ? html` maxlength="${f.maxLength}"` : '';
  const label = html`<label for="${id}">${f.label}${f.unmarked ? '' : needed(f.required)}</label>`;
  const cls = error ? 'field has-error' : 'field';
  const field = (control: Html) =>
    html`<div class="${cls}">${label}${hintOf(id, hint)}${errorOf(id, error)}${control}</div>`;
  switch (f.kind) {
    case 'fixed':
      return html`<div class="field fixed"><span class="fixed-label">${f.label}:</span> <strong>${f.shown}</strong></div>`;
    case 'text':
      return field(html`<input type="text" ${idName} value="${value}"${maxlength}${tail}>`);
    case 'email':
      return field(
        html`<input type="email" ${idName} value="${value}"${maxlength} autocomplete="off" spellcheck="false"${tail}>`,
      );
    case 'textarea':
      return field(html`<textarea ${idName} rows="4"${maxlength}${tail}>${value}</textarea>`);
    case 'lines':
      return field(html`<textarea ${idName} rows="6"${tail}>${value}</textarea>`);
    case 'number':
      return field(
        html`<input type="text" inputmode="${f.integer ? 'numeric' : 'decimal'}" ${idName} value="${value}" class="short"${tail}>`,
      );
    case 'date':
      return field(html`<input type="date" ${idName} value="${value}"${tail}>`);
    case 'select':
      return field(html`<select ${idName}${tail}>\n${options(f, value)}</select>`);
    case 'yesNo':
      return html`<fieldset class="${cls}" id="${id}"${described}><legend>${f.label}${needed(true)}</legend>${hintOf(id, hint)}${errorOf(id, error)}
${yesNo(f, id, value, error)}</fieldset>`;
    case 'checkbox': {
      const box = html`<input type="checkbox" ${idName} value="yes"${on(Boolean(value), 'checked')}${on(f.mustTick, 'required')}${invalid(error)}${described}>`;
      const boxLabel = html`<label for="${id}">${f.label}${f.mustTick ? needed(true) : ''}</label>`;
      return html`<div class="${cls} choice">${errorOf(id, error)}${box} ${boxLabel}${hintOf(id, hint)}</div>`;
    }
  }
}

function renderGroup(g: TFormGroup | TFormRows, ctx: TCtx, children: Html[]): Html {
  const id = fieldId(ctx.type, g.name);
  const error = ctx.errors[g.name];
  return html`<fieldset class="${error ? 'group has-error' : 'group'}" id="${id}"${describedBy(id, g.hint !== undefined, error !== undefined)}>
<legend>${g.label}${g.kind === 'rows' || (g.nested && !g.row) ? needed(g.required) : ''}</legend>${hintOf(id, g.hint)}${errorOf(id, error)}
${children}</fieldset>`;
}

function renderField(f: TFormField, ctx: TCtx): Html {
  if (f.kind === 'group')
    return renderGroup(
      f,
      ctx,
      f.fields.map((c) => renderField(c, ctx)),
    );
  if (f.kind === 'rows')
    return renderGroup(
      f,
      ctx,
      f.rows.map((r) => renderField(r, ctx)),
    );
  return renderLeaf(f, ctx);
}

/** Where the error summary's link for a field goes: the control itself, or its first choice. */
function targetOf(type: TEventType, name: string, fields: TFormField[]): string {
  const leaf = leaves(fields).find((l) => l.name === name);
  return leaf?.kind === 'yesNo' ? `${fieldId(type, name)}-yes` : fieldId(type, name);
}

/** A message with no field on the form (`_form`) is listed without a link. */
const summaryItem = (type: TEventType, name: string, msg: string, fields: TFormField[]): Html =>
  name === '_form' ? html`<li>${msg}</li>` : html`<li><a href="#${targetOf(type, name, fields)}">${msg}</a></li>`;

function errorSummary(
  type: TEventType,
  fields: TFormField[],
  errors: Record<string, string>,
  formError: string | undefined,
): Html {
  const entries = Object.entries(errors);
  if (entries.length === 0 && !formError) return html``;
  return html`<div class="error-summary" role="alert" aria-labelledby="${type}-problems" tabindex="-1">
<h2 id="${type}-problems">${formError && entries.length === 0 ? 'This could not be recorded' : 'There is a problem'}</h2>
${formError ? html`<p>${formError}</p>` : ''}
${entries.length ? html`<ul>${entries.map(([name, msg]) => summaryItem(type, name, msg, fields))}</ul>` : ''}
</div>`;
}

/** "Record 1.5 coaching hours" once the hours are known (e.g. re-filled), else the generic words. */
function submitText(o: TRenderEventForm): string {
  const h = o.preset?.hours ?? (Array.isArray(o.values?.hours) ? o.values?.hours[0] : o.values?.hours);
  if (h && /^\d+(\.\d+)?$/.test(h.trim()) && (o.type === 'coachingLogged' || o.type === 'learningLogged'))
    return `Record ${h.trim()} ${o.type === 'coachingLogged' ? 'coaching' : 'learning'} ${h.trim() === '1' ? 'hour' : 'hours'}`;
  return SUBMIT_TEXT[o.type];
}

function about(o: TRenderEventForm): Html {
  const p = o.people ?? {};
  const bits = [
    p.candidateName ? `Candidate: ${p.candidateName}` : '',
    p.coachName ? `Coach: ${p.coachName}` : '',
    p.supervisorName ? `Site supervisor: ${p.supervisorName}` : '',
  ].filter(Boolean);
  return bits.length ? html`<p class="about">${bits.join(' · ')}</p>` : html``;
}

/** One <form method="post"> with every control labelled, errors beside their field. */
export function renderEventForm(o: TRenderEventForm): Html {
  const fields = eventFormFields(o.type, o.role);
  const ctx: TCtx = { type: o.type, values: o.values ?? {}, errors: o.errors ?? {}, preset: o.preset ?? {} };
  return html`<form method="post" action="${o.action}" class="event-form" novalidate>
${errorSummary(o.type, fields, ctx.errors, o.formError)}${about(o)}
<input type="hidden" name="_csrf" value="${o.csrfToken}">
<input type="hidden" name="_idem" value="${o.idempotencyKey}">
${fields.map((f) => html`${renderField(f, ctx)}\n`)}<div class="actions"><button type="submit">${submitText(o)}</button></div>
</form>`;
}

/** Styles for the forms; the portal's page layout includes them once. */
export const FORM_STYLE = `
.event-form .field, .event-form .group { margin: 0 0 16px; } .event-form fieldset { border: 1px solid #c9c9c9; border-radius: 6px; padding: 8px 12px; }
.event-form label, .event-form legend { font-weight: 600; display: block; } .event-form .choice label { display: inline; font-weight: normal; }
.event-form .need { font-weight: normal; color: #555; } .event-form .hint { color: #505a5f; font-size: .92em; }
.event-form input[type=text], .event-form input[type=email], .event-form textarea, .event-form select {
  width: 100%; max-width: 40em; font: inherit; padding: 4px; }
.event-form input.short { max-width: 8em; } .event-form .has-error { border-left: 4px solid #b50909; padding-left: 8px; }
.event-form .field-error { color: #b50909; font-weight: 600; margin: 4px 0; } .visually-hidden { position: absolute; left: -9999px; }
.error-summary { border: 4px solid #b50909; padding: 8px 16px; margin-bottom: 16px; } .error-summary a { color: #b50909; font-weight: 600; }
.event-form button { font: inherit; padding: 8px 16px; background: #153e75; color: #fff; border: 0; border-radius: 4px; }
.event-form button:focus, .event-form a:focus, .event-form input:focus, .event-form select:focus, .event-form textarea:focus { outline: 3px solid #fd0; }
`;
