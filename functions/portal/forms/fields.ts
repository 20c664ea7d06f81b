// Reads an event's zod schema (the same ZCandidateEvent the API parses with) and says which form
// controls it needs: types, choices and limits all come from the schema, words from words.ts.
import type { z } from 'zod';
import { ZCandidateEvent, type TEventType } from '../../../domain/events';
import { ZLocalDate } from '../../../domain/calendar/dates';
import { ZRubricScore } from '../../../domain/lifecycle/cpsel';
import type { TApiRole } from '../../auth/principal';
import type { TFormField, TFormGroup, TFormLeaf, TFormRows, TOption } from './types';
import {
  CHECKLIST_LEGENDS,
  CHECKLIST_WORDS,
  CPSEL_STANDARD_NAMES,
  FIELD_WORDS,
  OPTION_NAMES,
  RUBRIC_LEVEL_NAMES,
  type TFieldWords,
} from './words';

/** The parts of zod 4's schema definitions this module reads. */
interface TCheckDef {
  check: string;
  value?: number;
  inclusive?: boolean;
  minimum?: number;
  maximum?: number;
  length?: number;
}
interface TNode {
  def: {
    type: string;
    format?: string;
    checks?: { _zod: { def: TCheckDef } }[];
    innerType?: TNode;
    element?: TNode;
    options?: TNode[];
    shape?: Record<string, TNode>;
    values?: unknown[];
    entries?: Record<string, string>;
  };
}

/** Set by the signed-in role for everyone but the PA (authorize: R-ASM-1, R-IIP-3). */
const ROLE_FIXED: Partial<Record<TEventType, string>> = { assessmentSubmitted: 'rater', iipApproved: 'approver' };
/** Blank rows shown for an open-ended list without JavaScript to add more. */
const OPEN_ROWS = 6;
const ROW_LABELS: Record<string, (n: number) => string> = {
  goals: (n) => `Goal ${n}`,
  revisedDeadlines: (n) => `Revised deadline ${n}`,
  panelScores: (n) => `Reviewer ${n}'s score`,
};
const SKIPPED = new Set(['type', 'by']);

export function eventSchema(type: TEventType): z.ZodObject {
  const schema = ZCandidateEvent.options.find((o) => o.shape.type.value === type);
  if (!schema) throw new Error(`no event type ${type}`);
  return schema as unknown as z.ZodObject;
}

const node = (s: unknown): TNode => s as TNode;
const checks = (n: TNode): TCheckDef[] => (n.def.checks ?? []).map((c) => c._zod.def);
const check = (n: TNode, kind: string): TCheckDef | undefined => checks(n).find((c) => c.check === kind);

function wordsFor(type: TEventType, path: string): TFieldWords {
  const w = FIELD_WORDS[`${type}.${path}`] ?? FIELD_WORDS[path];
  if (w) return w;
  const last = path.split('.').pop() ?? path;
  const label = last.replace(/([A-Z])/g, ' $1').toLowerCase();
  return { label: label.charAt(0).toUpperCase() + label.slice(1), noun: label };
}

interface TCtx {
  type: TEventType;
  role: TApiRole;
}

/** `goals.0.cpsel` → `goals.cpsel`: words and choices are the same on every row. */
const wordPath = (path: (string | number)[]): string => path.filter((p) => typeof p === 'string').join('.');

function leafBase(ctx: TCtx, path: (string | number)[], required: boolean) {
  const w = wordsFor(ctx.type, wordPath(path));
  return {
    name: path.join('.'),
    label: w.label,
    noun: w.noun ?? w.label.toLowerCase(),
    required,
    ...(w.hint ? { hint: w.hint } : {}),
  };
}

function options(values: string[], names: Record<string, string> | undefined): TOption[] {
  return values.map((v) => ({ value: v, label: names?.[v] ?? v }));
}

function build(ctx: TCtx, schema: TNode, path: (string | number)[], requiredIn = true): TFormField {
  let n = schema;
  let required = requiredIn;
  while (n.def.type === 'optional') {
    required = false;
    n = n.def.innerType!;
  }
  const base = leafBase(ctx, path, required);
  const key = wordPath(path);
  if ((n as unknown) === ZRubricScore) {
    // The levels are the schema's range (1–4), named as the Descriptions of Practice name them.
    const lo = check(n, 'greater_than')?.value ?? 1;
    const hi = check(n, 'less_than')?.value ?? 4;
    const levels = Array.from({ length: hi - lo + 1 }, (_, i) => String(lo + i));
    const last = String(path[path.length - 1]);
    const standard = CPSEL_STANDARD_NAMES[last];
    const named = standard ? { label: `CPSEL ${last.slice(-1)}: ${standard}`, noun: standard } : {};
    return {
      ...base,
      ...named,
      kind: 'select',
      numeric: true,
      rubric: true,
      options: options(levels, RUBRIC_LEVEL_NAMES),
    };
  }
  switch (n.def.type) {
    case 'string': {
      if ((n as unknown) === ZLocalDate) return { ...base, kind: 'date' };
      const maxLength = check(n, 'max_length')?.maximum;
      if (n.def.format === 'email') return { ...base, kind: 'email', ...(maxLength ? { maxLength } : {}) };
      return {
        ...base,
        kind: maxLength !== undefined && maxLength <= 200 ? 'text' : 'textarea',
        ...(maxLength ? { maxLength } : {}),
      };
    }
    case 'number': {
      const lo = check(n, 'greater_than');
      const hi = check(n, 'less_than');
      const unit = wordsFor(ctx.type, key).unit;
      return {
        ...base,
        kind: 'number',
        integer: n.def.format === 'safeint',
        minInclusive: lo?.inclusive ?? true,
        ...(lo?.value !== undefined ? { min: lo.value } : {}),
        ...(hi?.value !== undefined ? { max: hi.value } : {}),
        ...(unit ? { unit } : {}),
      };
    }
    case 'boolean':
      return required ? { ...base, kind: 'yesNo' } : { ...base, kind: 'checkbox', mustTick: false };
    case 'literal': {
      const [value] = n.def.values ?? [];
      if (value === true)
        return {
          ...base,
          label: CHECKLIST_WORDS[`${ctx.type}.${key}`] ?? base.label,
          kind: 'checkbox',
          mustTick: true,
        };
      const unit = wordsFor(ctx.type, key).unit;
      const shown = OPTION_NAMES[key]?.[String(value)] ?? (unit ? `${String(value)} ${unit}` : String(value));
      return { ...base, kind: 'fixed', value: value as string | number, shown, fixedBy: 'rule' };
    }
    case 'enum': {
      const values = Object.keys(n.def.entries ?? {});
      return { ...base, kind: 'select', numeric: false, options: options(values, OPTION_NAMES[key]) };
    }
    case 'union': {
      const values = (n.def.options ?? []).flatMap((o) => o.def.values ?? []);
      return {
        ...base,
        kind: 'select',
        numeric: values.every((v) => typeof v === 'number'),
        options: options(values.map(String), OPTION_NAMES[key]),
      };
    }
    case 'object': {
      const fields = Object.entries(n.def.shape ?? {}).map(([k, s]) => build(ctx, s, [...path, k]));
      return {
        kind: 'group',
        name: base.name,
        label: base.label,
        required,
        nested: true,
        fields,
        ...(base.hint ? { hint: base.hint } : {}),
      };
    }
    case 'array':
      return buildArray(ctx, n, path, required, base);
    default:
      throw new Error(`form fields: no control for a zod ${n.def.type} at ${ctx.type}.${base.name}`);
  }
}

function buildArray(
  ctx: TCtx,
  n: TNode,
  path: (string | number)[],
  required: boolean,
  base: ReturnType<typeof leafBase>,
): TFormField {
  const exact = check(n, 'length_equals')?.length;
  const minItems = exact ?? check(n, 'min_length')?.minimum;
  const maxItems = exact ?? check(n, 'max_length')?.maximum;
  const element = n.def.element!;
  const counts = { ...(minItems !== undefined ? { minItems } : {}), ...(maxItems !== undefined ? { maxItems } : {}) };
  if (element.def.type === 'string') {
    const maxLength = check(element, 'max_length')?.maximum;
    return { ...base, kind: 'lines', ...counts, ...(maxLength ? { maxLength } : {}) };
  }
  const count = Math.min(maxItems ?? OPEN_ROWS, OPEN_ROWS);
  const rowLabel = ROW_LABELS[wordPath(path)] ?? ((i: number) => `${base.label} ${i}`);
  const rows = Array.from({ length: count }, (_, i) => {
    // Any row of an open list may stay blank (it is dropped), so its controls carry no
    // required/optional mark of their own: the list's legend and hint say what is needed.
    const open = exact === undefined;
    const row = numberRow(build(ctx, element, [...path, i]), i + 1, required && !open, open) as TFormGroup | TFormLeaf;
    const { hint: _listHint, ...rest } = row;
    // The list's legend gives the hint once; each row is just "Goal 2" / "Reviewer 2's score".
    if (rest.kind === 'group') return { ...rest, label: rowLabel(i + 1), row: true } satisfies TFormGroup;
    return { ...rest, label: rowLabel(i + 1), noun: rowLabel(i + 1).toLowerCase() } as TFormLeaf;
  });
  const field: TFormRows = {
    kind: 'rows',
    name: base.name,
    label: base.label,
    noun: base.noun,
    required,
    rows,
    dropBlankRows: exact === undefined,
    ...counts,
  };
  return base.hint ? { ...field, hint: base.hint } : field;
}

/** Puts the row number into the nouns of a row's fields ("the text of goal {n}"). */
function numberRow(field: TFormField, n: number, rowRequired: boolean, unmarked: boolean): TFormField {
  if (field.kind === 'group')
    return { ...field, required: rowRequired, fields: field.fields.map((f) => numberRow(f, n, rowRequired, unmarked)) };
  if (field.kind === 'rows') return field;
  return {
    ...field,
    required: field.required && rowRequired,
    noun: field.noun.replace('{n}', String(n)),
    ...(unmarked ? { unmarked: true as const } : {}),
  };
}

/** What the form's fields are for this event and role, in the order a person fills them in. */
export function eventFormFields(type: TEventType, role: TApiRole): TFormField[] {
  const ctx: TCtx = { type, role };
  const shape = eventSchema(type).shape as unknown as Record<string, TNode>;
  const fields: TFormField[] = [];
  for (const [k, s] of Object.entries(shape)) {
    if (SKIPPED.has(k) || k === 'date') continue;
    const field = build(ctx, s, [k]);
    fields.push(role !== 'pa' && ROLE_FIXED[type] === k ? fixByRole(field, role) : field);
  }
  const legend = CHECKLIST_LEGENDS[type];
  const grouped = legend ? groupChecklist(fields, legend) : fields;
  return [...grouped, build(ctx, node(shape.date), ['date'])];
}

function fixByRole(field: TFormField, role: TApiRole): TFormLeaf {
  if (field.kind !== 'select') throw new Error(`role-fixed field ${field.name} is not a choice`);
  const shown = field.options.find((o) => o.value === role)?.label ?? role;
  return {
    name: field.name,
    label: field.label,
    noun: field.noun,
    required: true,
    kind: 'fixed',
    value: role,
    shown,
    fixedBy: 'role',
  };
}

function groupChecklist(fields: TFormField[], legend: string): TFormField[] {
  const items = fields.filter((f) => f.kind === 'checkbox' && f.mustTick);
  const rest = fields.filter((f) => !items.includes(f));
  const group: TFormGroup = {
    kind: 'group',
    name: 'checklist',
    label: legend,
    required: true,
    nested: false,
    fields: items,
    hint: 'Tick every item.',
  };
  return [group, ...rest];
}

/** Every leaf of a field tree, rows and groups included (for lookups by name). */
export function leaves(fields: readonly TFormField[]): TFormLeaf[] {
  return fields.flatMap((f) => (f.kind === 'group' ? leaves(f.fields) : f.kind === 'rows' ? leaves(f.rows) : [f]));
}

/** Every field of a tree (groups and rows included). */
export function allFields(fields: readonly TFormField[]): TFormField[] {
  return fields.flatMap((f) => [
    f,
    ...(f.kind === 'group' ? allFields(f.fields) : f.kind === 'rows' ? allFields(f.rows) : []),
  ]);
}
