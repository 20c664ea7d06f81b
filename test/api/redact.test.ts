// R-IIP-5, role by role: who may read IIP content, and what the others still see.
import { describe, expect, it } from 'vitest';
import { redactStatusFor } from '../../functions/auth/redact';
import { mayReadIip } from '../../functions/auth/policy';
import { API_ROLES, type TApiRole } from '../../functions/auth/principal';
import { fakeCandidates, SECRET_GOAL, startFor } from './support/fake-candidates';

const status = () => fakeCandidates([startFor('rossier', 'c1')]).status('rossier-c1');

describe('redactStatusFor', () => {
  const readers: TApiRole[] = ['candidate', 'coach', 'supervisor', 'pa', 'director'];
  const nonReaders: TApiRole[] = ['instructor', 'credentialsOffice', 'districtCoordinator'];

  it('R-IIP-5: every role is either a reader or not — no role is forgotten', () => {
    expect([...readers, ...nonReaders].sort()).toEqual([...API_ROLES].sort());
  });

  for (const role of readers) {
    it(`R-IIP-5: the ${role} reads the IIP goals`, async () => {
      const view = redactStatusFor(role, await status());
      expect(mayReadIip(role)).toBe(true);
      expect(view.iipRedacted).toBe(false);
      expect(view.iip.year1.goals).toEqual([{ cpsel: 'cpsel1', goal: SECRET_GOAL }]);
      expect(view.iip.year1.standards).toEqual(['cpsel1', 'cpsel2', 'cpsel3']);
    });
  }

  for (const role of nonReaders) {
    it(`R-IIP-5: the ${role} never sees IIP content, only that it exists and how far it got`, async () => {
      const original = await status();
      const view = redactStatusFor(role, original);
      expect(mayReadIip(role)).toBe(false);
      expect(view.iipRedacted).toBe(true);
      expect(JSON.stringify(view)).not.toContain(SECRET_GOAL);
      expect(view.iip.year1).toEqual({ ...original.iip.year1, goals: [], standards: [] });
      expect(view.iip.year1.submittedOn).toBe('2026-09-15');
      // Everything else is untouched, and the input is not mutated.
      expect({ ...view, iip: original.iip, iipRedacted: undefined }).toEqual({ ...original, iipRedacted: undefined });
      expect(original.iip.year1.goals).toHaveLength(1);
    });
  }
});
