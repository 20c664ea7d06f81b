// Whatever a browser (or a hostile client) posts, a form never throws, never lets through an event
// the API schema or authorize() would refuse, and every error it reports has a place on the page.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZCandidateEvent } from '../../domain/events';
import { API_ROLES } from '../../functions/auth/principal';
import { authorize, eventTypesFor } from '../../functions/auth/policy';
import {
  eventFormFields,
  fieldId,
  parseEventForm,
  renderEventForm,
  type TFormField,
} from '../../functions/portal/forms';

const KEY = 'rossier-c001';
const CELLS = API_ROLES.flatMap((role) => eventTypesFor(role).map((type) => ({ role, type })));

const names = (fields: readonly TFormField[]): string[] =>
  fields.flatMap((f) =>
    f.kind === 'group' ? names(f.fields) : f.kind === 'rows' ? names(f.rows) : f.kind === 'fixed' ? [] : [f.name],
  );

/** Plausible and implausible values: the choices on the form, numbers, dates, junk, markup. */
const value = (choices: string[]) =>
  fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'yes',
      'no',
      '0',
      '1',
      '1.5',
      '3',
      '24',
      '30',
      '-1',
      'abc',
      '2026-12-02',
      '2026-02-30',
      'a@b.org',
      '<b>x</b>',
      'pa',
      'coach',
      'supervisor',
      ...choices,
    ),
    fc.string({ maxLength: 40 }),
  );

describe('forms under arbitrary bodies', () => {
  it.each(CELLS)(
    'R-ASM-1, R-IIP-3: $role / $type never throws; ok ⇒ API-valid and authorized; errors are on the page',
    ({ role, type }) => {
      const fields = eventFormFields(type, role);
      const choices =
        JSON.stringify(fields)
          .match(/"value":"[^"]*"/g)
          ?.map((m) => m.slice(9, -1)) ?? [];
      const body = fc.dictionary(fc.constantFrom(...names(fields), 'rater', 'approver', 'by', 'type'), value(choices), {
        maxKeys: 12,
      });
      fc.assert(
        fc.property(body, (b) => {
          const result = parseEventForm(type, role, b);
          if (result.ok) {
            expect(result.event.type).toBe(type);
            expect(ZCandidateEvent.safeParse(result.event).success).toBe(true);
            expect(
              authorize(
                { sub: 'x', role, programId: 'rossier', candidateKeys: [KEY] },
                { kind: 'candidate.event', candidateKey: KEY, event: result.event },
              ),
            ).toEqual({ allow: true });
            return;
          }
          const markup = renderEventForm({
            type,
            role,
            action: '/x',
            csrfToken: 'c',
            idempotencyKey: 'k',
            values: b,
            errors: result.errors,
          }).value;
          for (const name of Object.keys(result.errors)) expect(markup).toContain(`id="${fieldId(type, name)}-error"`);
        }),
        { numRuns: 60, seed: 20261202 },
      );
    },
  );
});
