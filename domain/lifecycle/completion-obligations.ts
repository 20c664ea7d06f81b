// Reminders for what completion review found missing (R-CMP-1…3): one obligation per owner, naming
// that owner's items in the words of their `completionMissing.reminder.*` template, and an escalation
// to the PA listing the documents the PA verifies. Shaped like lifecycle/obligations.ts so the
// parent's openObligations can append them while the candidate is in completionReview.
import { addDays, type TLocalDate } from '../calendar/dates';
import type { TKeyDates } from '../calendar/deadlines';
import type { TProgramPolicy } from '../policy/policy';
import { candidateKey } from './candidate';
import type { TTemplateId } from '../notifications/catalogue';
import type { TRecipientRole } from '../notifications/recipients';
import type { TLinks } from './input';
import type { TObligation, TPlannedMessage } from './obligation';
import { firstName, recipient } from './people';
import type { TCandidateState } from './state';
import { missingByOwner, type TCompletionItem, type TCompletionOwner, type TCompletionReview } from './completion';

/**
 * Days after completion review opens (R-REC-6: the first day of the recommendation-target month)
 * by which the missing items are due. Default until the policy has `recommendation.completionDays`.
 */
export const DEFAULT_COMPLETION_DAYS = 14;

/** When completion items are due: the review opens on the first of the target month (June, R-REC-6). */
export function completionDue(keyDates: TKeyDates, days = DEFAULT_COMPLETION_DAYS): TLocalDate {
  return addDays(keyDates.recommendationTarget.opens, days);
}

/** The template's item vocabulary (domain/notifications/templates/completion.ts) for one missing item. */
type TTemplateItem =
  | 'iipChecklist'
  | 'proficiencyRatings'
  | 'portfolioPresentation'
  | 'iipGoalsConfirmation'
  | 'hoursConfirmation'
  | 'hrExperienceLetter'
  | 'credentialDocument'
  | 'coachingLogs'
  | 'learningLogs'
  | 'programEvaluation'
  | 'academicWatchClosure';

function templateItem(item: TCompletionItem): TTemplateItem {
  const [head, second] = item.id.split('.');
  if (head === 'iip') return item.owner === 'candidate' ? 'iipChecklist' : 'iipGoalsConfirmation';
  if (head === 'proficiency') return 'proficiencyRatings';
  // The coach's template has no "year-1 review" item; the portfolio score is the closest it names.
  if (head === 'portfolio') return 'portfolioPresentation';
  if (head === 'hours') return second === 'coaching' ? 'coachingLogs' : 'learningLogs';
  if (head === 'experience') return 'hrExperienceLetter';
  if (head === 'standing') return 'academicWatchClosure';
  return 'credentialDocument';
}

/** The items the PA's template may list: the documents the PA signs or verifies (R-REC-3). */
const PA_ITEMS: readonly TTemplateItem[] = [
  'iipChecklist',
  'hrExperienceLetter',
  'credentialDocument',
  'academicWatchClosure',
];
const unique = <T>(xs: T[]) => [...new Set(xs)];

/**
 * Obligations for the owners of unmet completion items, due `due`. The reminder key includes the
 * obligation id only, so an owner is reminded once per lead time however their list changes.
 */
export function completionObligations(
  state: TCandidateState,
  policy: TProgramPolicy,
  review: TCompletionReview,
  due: TLocalDate,
  links: TLinks,
): TObligation[] {
  if (review.ready) return [];
  const key = candidateKey(state.start.programId, state.start.candidateId);
  const completionUrl = `${links.portalUrl}/portal/${key}/completion`;
  const candidateUrl = `${links.portalUrl}/dashboard/candidates/${key}`;
  const candidateName = state.start.candidate.name;
  const message = (role: TRecipientRole, template: TTemplateId, data: Record<string, unknown>): TPlannedMessage[] => {
    const to = recipient(state, role);
    return to ? [{ template, to, data: { firstName: firstName(to.name), programName: policy.name, ...data } }] : [];
  };
  const missing = missingByOwner(review);
  const allMissing = review.items.filter((i) => !i.met);
  const paItems = unique(allMissing.map(templateItem)).filter((i) => PA_ITEMS.includes(i));
  const out: TObligation[] = [];
  for (const owner of ['candidate', 'coach', 'supervisor', 'pa'] as const satisfies readonly TCompletionOwner[]) {
    const items = missing[owner];
    if (!items?.length) continue;
    const owed = unique(items.map(templateItem)).filter((i) => owner !== 'pa' || PA_ITEMS.includes(i));
    if (owed.length === 0) continue;
    const data =
      owner === 'candidate'
        ? { items: owed, dueBy: due, completionUrl }
        : owner === 'pa'
          ? { candidateName, items: owed, dueBy: due, completionUrl }
          : { candidateFirstName: firstName(candidateName), items: owed, dueBy: due, completionUrl };
    out.push({
      id: `completion.${owner}`,
      kind: 'recommendation',
      rule: items[0]!.rule,
      label: `Completion: ${items.map((i) => i.label).join('; ')}`,
      due,
      owner,
      reminders: () => message(owner, `completionMissing.reminder.${owner}`, data),
      // One PA message however many owners are late: only the first obligation carries it.
      escalation: () =>
        out[0]?.id === `completion.${owner}` && paItems.length > 0
          ? message('pa', 'completionMissing.reminder.pa', {
              candidateName,
              items: paItems,
              dueBy: due,
              completionUrl: candidateUrl,
            })
          : [],
    });
  }
  return out;
}
