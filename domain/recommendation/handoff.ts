// The packet the credentials office receives at READY TO RECOMMEND (R-REC-3 → R-REC-4): every
// verification item with its date and who verified it, the hours, a proficiency summary, the
// portfolio result, the experience and credential document, and the recommendation steps so far.
// It is built from the completion snapshot and the chain's state only — IIP goal text is not in
// either, and the strict schemas reject any field that would carry it (R-IIP-5).
import { z } from 'zod';
import { ZPerson, parseCandidateKey } from '../lifecycle/candidate';
import { ZLocalDate } from '../calendar/dates';
import { ZCompletionEvidence, ZCompletionItem, type TCompletionReview } from '../lifecycle/completion';
import { RECOMMENDATION_STEPS, type TRecommendationState, type TStepNumber } from './steps';

export const ZCandidateKeyText = z
  .string()
  .refine((k) => parseCandidateKey(k) !== undefined, { error: 'expected a candidate key <programId>-<candidateId>' });
/** Packet ids end up in file names and S3 keys: ids only, no names (see infra RECORD_PREFIXES). */
export const ZPacketId = z.string().regex(/^[a-z0-9-]{8,80}$/, { error: 'expected a packet id [a-z0-9-]' });

const ZStepEntry = z.strictObject({
  step: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
  rule: z.string(),
  label: z.string(),
  date: ZLocalDate,
  by: z.strictObject({ role: z.string(), id: z.string().optional() }),
});

/** What the workflow hands the handoff activity (an activity input: validated there). */
export const ZHandoffInput = z.strictObject({
  candidateKey: ZCandidateKeyText,
  candidate: ZPerson,
  program: z.strictObject({ id: z.string().min(1), name: z.string().min(1), policyId: z.string().min(1) }),
  readyOn: ZLocalDate,
  completion: z.strictObject({
    ready: z.literal(true, { error: 'a handoff needs a complete completion review' }),
    items: z.array(ZCompletionItem),
    evidence: ZCompletionEvidence,
  }),
  steps: z.array(ZStepEntry).min(3).max(4),
});
export type THandoffInput = z.infer<typeof ZHandoffInput>;

export const ZHandoffPacket = z.strictObject({
  schema: z.literal('casc.handoff/v1'),
  packetId: ZPacketId,
  candidateKey: ZCandidateKeyText,
  candidate: ZPerson,
  program: ZHandoffInput.shape.program,
  readyOn: ZLocalDate,
  verification: z.array(
    z.strictObject({
      id: z.string(),
      rule: z.string(),
      label: z.string(),
      verifiedOn: ZLocalDate.optional(),
      verifiedBy: z.string().optional(),
      detail: z.string().optional(),
    }),
  ),
  hours: ZCompletionEvidence.shape.hours,
  proficiency: ZCompletionEvidence.shape.proficiency,
  portfolio: ZCompletionEvidence.shape.portfolio,
  experienceYears: z.number().min(0),
  credentialDocument: z.enum(['pasc', 'coe']),
  recommendationSteps: z.array(ZStepEntry),
});
export type THandoffPacket = z.infer<typeof ZHandoffPacket>;

/** The activity input for the chain as it stands (steps 1–3 done, READY TO RECOMMEND). */
export function handoffInput(args: {
  candidateKey: string;
  candidate: z.input<typeof ZPerson>;
  programName: string;
  policyId: string;
  completion: TCompletionReview;
  state: TRecommendationState;
}): THandoffInput {
  const { state } = args;
  const steps = ([1, 2, 3, 4] as const satisfies readonly TStepNumber[]).flatMap((n) => {
    const done = state.completed[`step${n}`];
    return done
      ? [
          {
            step: n,
            rule: RECOMMENDATION_STEPS[n].rule,
            label: RECOMMENDATION_STEPS[n].tasks,
            date: done.date,
            by: done.by,
          },
        ]
      : [];
  });
  const programId = parseCandidateKey(args.candidateKey)?.programId ?? args.policyId;
  return {
    candidateKey: args.candidateKey,
    candidate: { name: args.candidate.name, email: args.candidate.email },
    program: { id: programId, name: args.programName, policyId: args.policyId },
    readyOn: state.completed.step3?.date ?? state.startedOn,
    completion: args.completion as THandoffInput['completion'],
    steps,
  };
}

/** The packet for an input; pure, so the same input always yields the same packet. */
export function buildHandoffPacket(input: THandoffInput, packetId: string): THandoffPacket {
  const { evidence, items } = input.completion;
  // completion.ready (checked by the schema) guarantees both are on file.
  const experience = evidence.experience!;
  const credential = evidence.credential!;
  return ZHandoffPacket.parse({
    schema: 'casc.handoff/v1',
    packetId,
    candidateKey: input.candidateKey,
    candidate: input.candidate,
    program: input.program,
    readyOn: input.readyOn,
    verification: items.map((i) => ({
      id: i.id,
      rule: i.rule,
      label: i.label,
      verifiedOn: i.verifiedOn,
      verifiedBy: i.verifiedBy,
      detail: i.detail,
    })),
    hours: evidence.hours,
    proficiency: evidence.proficiency,
    portfolio: evidence.portfolio,
    experienceYears: experience.years,
    credentialDocument: credential.document,
    recommendationSteps: input.steps,
  });
}
