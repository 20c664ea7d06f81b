// R-NOT (delivery; not in domain.md): the candidate page shows the PA whose address bounces, with
// a link to the correction form; nothing when every address works.
import { describe, expect, it } from 'vitest';
import { candidateBody } from '../../functions/dashboard/candidate-page';
import { deriveStatus } from '../../domain/lifecycle/status';
import { initialState } from '../../domain/lifecycle/state';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { jamal } from '../support/fixtures';

describe('undeliverable addresses on the candidate page', () => {
  it("R-NOT: the supervisor's bounced address is listed with the link to correct it", () => {
    const start = jamal({ candidateId: 'dash-1' });
    const state = {
      ...initialState(start),
      undeliverable: [
        { role: 'supervisor' as const, bounce: 'bounce' as const, date: '2026-09-29', sesMessageId: 'm-1' },
      ],
    };
    const policy = getBuiltinPolicy('rossier');
    const page = String(
      candidateBody({ ...deriveStatus(state, policy, Date.parse('2026-09-30T16:00:00Z')), iipRedacted: false }),
    );
    expect(page).toContain('Email addresses that do not work');
    expect(page).toContain(
      '<tr><td>2026-09-29</td><td>supervisor</td><td>the address bounces</td><td><a href="/portal/rossier-dash-1/contacts/supervisor">Correct the address</a></td></tr>',
    );
    const clean = String(
      candidateBody({
        ...deriveStatus(initialState(start), policy, Date.parse('2026-09-30T16:00:00Z')),
        iipRedacted: false,
      }),
    );
    expect(clean).not.toContain('data-testid="undeliverable"');
  });
});
