// One limit per field, declared once. The event schemas (what the API and the portal's forms accept:
// the forms read `maxLength` from these zod schemas), the candidate record and every template that
// carries the same text use these numbers, so a value the schema accepts can always be sent.
import { z } from 'zod';

export const PERSON_NAME_MAX = 120;
/** A greeting is at most the whole name ("Dr. Maria Tran"), so it shares the name's limit. */
export const FIRST_NAME_MAX = PERSON_NAME_MAX;
export const EMAIL_MAX = 254;
export const PROGRAM_NAME_MAX = 120;
/** One IIP goal's text (R-IIP-2): the coach's approval email quotes it whole. */
export const IIP_GOAL_MAX = 2000;
/** A short free-text reason or note (withdrawal, deferral, revision, action-plan goal). */
export const REASON_MAX = 500;
export const NOTE_MAX = 1000;
export const APPEAL_STATEMENT_MAX = 4000;
/** An item of a plan or list shown in a message (a revised deadline, a session or workshop title). */
export const LABEL_MAX = 200;
/** A policy milestone's id (seed 004's ILP cells): part of reminder keys and portal paths. */
export const MILESTONE_ID_MAX = 60;
/** Policy-set titles are shown with a suffix (" assignment", " (overdue)"), so they leave room. */
export const TITLE_MAX = 160;

/** A person's name, trimmed, 1…PERSON_NAME_MAX characters. */
export const ZPersonName = z
  .string({ error: 'expected a name' })
  .trim()
  .min(1, { error: 'a name is required' })
  .max(PERSON_NAME_MAX);
