// Permanent email failures recorded on the candidate are shown to the PA on the candidate page.
import { describe, expect, it } from 'vitest';
import { candidateBody } from '../../functions/dashboard/candidate-page';
import { deriveStatus } from '../../domain/lifecycle/status';
import { initialState } from '../../domain/lifecycle/state';
import { getBuiltinPolicy } from '../../domain/policy/policy';
import { jamal } from '../support/fixtures';

describe('delivery problems on the candidate page', () => {
  it('R-ADM-1: a reminder SES rejected for a bad address is listed for the PA, escaped', () => {
    const state = {
      ...initialState(jamal()),
      deliveryProblems: [
        {
          date: '2026-09-29',
          template: 'admission.reminder.candidate',
          recipientRole: 'candidate',
          reason: 'invalidAddress: <bad@>',
        },
      ],
    };
    const status = deriveStatus(state, getBuiltinPolicy('rossier'), Date.parse('2026-09-30T16:00:00Z'));
    const page = String(candidateBody({ ...status, iipRedacted: false } as never));
    expect(page).toContain('Emails that could not be delivered');
    expect(page).toContain('admission.reminder.candidate');
    expect(page).toContain('invalidAddress: &lt;bad@&gt;');
  });
});
