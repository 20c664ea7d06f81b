// The people an obligation concerns, as mail recipients. Only what a message needs leaves here.
import type { TRecipient, TRecipientRole } from '../notifications/recipients';
import type { TCandidateState } from './state';

export function recipient(state: TCandidateState, role: TRecipientRole): TRecipient | undefined {
  const s = state.start;
  const person =
    role === 'candidate' ? s.candidate : role === 'coach' ? s.coach : role === 'supervisor' ? s.supervisor : role === 'pa' ? s.programAdministrator : role === 'director' ? s.director : undefined;
  return person ? { role, name: person.name, email: person.email } : undefined;
}

export function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] ?? name;
}
