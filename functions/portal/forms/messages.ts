// Turns a zod issue about one field into a sentence a coach or candidate can act on. The limits in
// the sentences are the schema's own (read into the field by fields.ts), so they cannot drift.
import type { z } from 'zod';
import type { TFormField, TFormLeaf, TFormRows } from './types';

type TIssue = z.core.$ZodIssue;

const n = (x: number): string => x.toLocaleString('en-US');
const singular = (noun: string): string => noun.replace(/s$/, '');

/** `raw` is the submitted text of the field ('' or undefined when left blank). */
export function leafMessage(field: TFormLeaf, issue: TIssue, raw: string | undefined): string {
  const blank = raw === undefined || raw.trim() === '';
  switch (field.kind) {
    case 'number':
      return numberMessage(field, issue, blank);
    case 'text':
    case 'textarea':
    case 'email':
      if (blank || issue.code === 'too_small') return `Enter the ${field.noun}`;
      if (issue.code === 'too_big')
        return `Shorten the ${field.noun} to ${n(Number(issue.maximum))} characters or fewer (it has ${n(textLength(raw))})`;
      if (field.kind === 'email') return 'Enter an email address, e.g. name@district.org';
      return `Check the ${field.noun}: ${issue.message}`;
    case 'lines':
      return linesMessage(field, issue, raw);
    case 'date':
      if (blank) return `Enter the ${field.noun} as YYYY-MM-DD, e.g. 2026-12-02`;
      return `Enter the ${field.noun} as a real date YYYY-MM-DD, e.g. 2026-12-02`;
    case 'select':
      if (blank) return field.rubric ? `Choose a rubric level for ${field.noun}` : `Choose the ${field.noun}`;
      return `Choose one of the listed options for the ${field.noun}`;
    case 'yesNo':
      return `Answer yes or no: ${field.label}`;
    case 'checkbox':
      return field.mustTick
        ? `Tick this box once it is done: ${field.label}`
        : `Check the box "${field.label}": ${issue.message}`;
    case 'fixed':
      return `The ${field.noun} is fixed: ${issue.message}`;
  }
}

function textLength(raw: string | undefined): number {
  return (raw ?? '').replace(/\r\n/g, '\n').trim().length;
}

function numberMessage(field: Extract<TFormLeaf, { kind: 'number' }>, issue: TIssue, blank: boolean): string {
  const unit = field.unit ? ` ${field.unit}` : '';
  if (blank) return `Enter the ${field.noun}`;
  if (issue.code === 'invalid_type') {
    const example = field.integer ? String(Math.min(field.max ?? 3, 3)) : '1.5';
    return `Enter the ${field.noun} as ${field.integer ? 'a whole number' : 'a number'}, e.g. ${example}`;
  }
  const { min, max } = field;
  if (min !== undefined && max !== undefined && field.minInclusive)
    return field.unit ? `Enter ${n(min)} to ${n(max)}${unit}` : `Enter a ${field.noun} from ${n(min)} to ${n(max)}`;
  if (issue.code === 'too_big' && max !== undefined) return `Enter at most ${n(max)}${unit}`;
  if (issue.code === 'too_small' && min !== undefined)
    return field.minInclusive ? `Enter at least ${n(min)}${unit}` : `Enter more than ${n(min)}${unit}`;
  return `Check the ${field.noun}: ${issue.message}`;
}

function linesMessage(field: Extract<TFormLeaf, { kind: 'lines' }>, issue: TIssue, raw: string | undefined): string {
  const lines = (raw ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const line = issue.path.length > 1 ? Number(issue.path[issue.path.length - 1]) : undefined;
  if (line !== undefined && issue.code === 'too_big')
    return `Shorten line ${line + 1} of the ${field.noun} to ${n(Number(issue.maximum))} characters or fewer (it has ${n(lines[line]?.length ?? 0)})`;
  if (issue.code === 'too_big')
    return `Enter at most ${n(Number(issue.maximum))} ${field.noun}, one per line (there are ${n(lines.length)})`;
  if (lines.length === 0 || issue.code === 'too_small')
    return field.minItems === 1
      ? `Enter at least one ${singular(field.noun)}, one per line`
      : `Enter the ${field.noun}, one per line`;
  return `Check the ${field.noun}: ${issue.message}`;
}

/** A problem with a whole list (how many rows), e.g. a panel with one score. */
export function rowsMessage(field: TFormRows, issue: TIssue, filled: number): string {
  const { minItems: min, maxItems: max } = field;
  if (min !== undefined && min === max) return `Fill in all ${n(min)} ${field.noun}`;
  if (issue.code === 'too_small' && min !== undefined) {
    if (min === 1) return `Enter at least one ${singular(field.noun)}`;
    return max !== undefined
      ? `Enter ${n(min)} to ${n(max)} ${field.noun} (there ${filled === 1 ? 'is' : 'are'} ${n(filled)})`
      : `Enter at least ${n(min)} ${field.noun}`;
  }
  if (issue.code === 'too_big' && max !== undefined) return `Enter at most ${n(max)} ${field.noun}`;
  return `Check the ${field.noun}: ${issue.message}`;
}

/** Fallback for an issue on a group, e.g. a nested object missing altogether. */
export function groupMessage(field: TFormField, issue: TIssue): string {
  return `Check ${field.label.toLowerCase()}: ${issue.message}`;
}
