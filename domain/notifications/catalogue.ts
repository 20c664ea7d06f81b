// Every email the program can send, keyed '<topic>.<kind>.<recipientRole>'. The id list, the
// per-template data types and the outgoing-email union are all derived from this one object.
import { z } from 'zod';
import type { TemplateDefinition } from './template';
import { assessmentTemplates } from './templates/assessment';
import { completionTemplates } from './templates/completion';
import { deadlineTemplates } from './templates/deadlines';
import { digestTemplates } from './templates/digest';
import { iipTemplates } from './templates/iip';
import { milestoneTemplates } from './templates/milestones';
import { interventionTemplates } from './templates/intervention';
import { onboardingTemplates } from './templates/onboarding';
import { sessionTemplates } from './templates/sessions';
import { statusTemplates } from './templates/status';

export const templateCatalogue = {
  ...onboardingTemplates,
  ...iipTemplates,
  ...assessmentTemplates,
  ...sessionTemplates,
  ...interventionTemplates,
  ...statusTemplates,
  ...completionTemplates,
  ...digestTemplates,
  ...deadlineTemplates,
  ...milestoneTemplates,
};

type Catalogue = typeof templateCatalogue;
export type TTemplateId = keyof Catalogue & string;
export const TEMPLATE_IDS = Object.keys(templateCatalogue) as [TTemplateId, ...TTemplateId[]];
export const ZTemplateId = z.enum(TEMPLATE_IDS);

/** What a caller passes as `data` for a template (dates as 'YYYY-MM-DD', instants as UTC ms). */
export type TTemplateData<K extends TTemplateId> = z.input<Catalogue[K]['schema']>;

/** The catalogue seen without per-template types, for code that dispatches on a runtime id. */
export function templateDefinition(id: TTemplateId): TemplateDefinition {
  return templateCatalogue[id] as unknown as TemplateDefinition;
}
