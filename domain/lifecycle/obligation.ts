// The shape of one obligation: something owed by a date, with the reminders and the escalation it
// sends. Every rule module (obligations.ts, more-obligations.ts, coaching-cadence.ts,
// completion-obligations.ts) produces these; the planner (notifications/plan.ts) consumes them.
import type { TLocalDate } from '../calendar/dates';
import type { TTemplateId } from '../notifications/catalogue';
import type { TRecipient, TRecipientRole } from '../notifications/recipients';
import type { TReminderPlan } from '../notifications/reminders';

export interface TPlannedMessage {
  template: TTemplateId;
  to: TRecipient;
  data: Record<string, unknown>;
}

export interface TObligation {
  /** Stable id: reminder keys are built from it, so it must never change for a running workflow. */
  id: string;
  /** Policy reminder-override key (ZObligationKind or milestone id). */
  kind: string;
  /**
   * The exact-id override key of this instance ('sessionAssignment:3', 'iipStart:1', a milestone id):
   * a policy override for it wins over the kind's (reminders.ts). Used for runs with
   * state.milestoneReminders (patch 'reminders-2026-12'); absent: the kind.
   */
  overrideId?: string;
  /** A plan fixed by the rule itself (R-HRS-1: told on the next month's first working day); no policy override applies. */
  plan?: TReminderPlan;
  rule: string;
  label: string;
  due: TLocalDate;
  owner: TRecipientRole;
  reminders: (escalateAfterDays: number) => TPlannedMessage[];
  escalation: (escalateAfterDays: number) => TPlannedMessage[];
  /** Lead times used when the policy has no override for this kind. */
  defaultDaysBefore?: number[];
}
