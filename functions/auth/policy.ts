// Authorization, decided in one place: role × action × candidate → allow or deny. Routes, dashboard
// pages and the list scope all ask here; nothing else compares roles.
//
// Scope: program staff (pa, instructor, credentialsOffice) see every candidate of their program,
// and a staff token that names no program sees no program; candidate, coach, supervisor and
// districtCoordinator see only the candidates their token lists in `candidateKeys`. A candidate
// outside the caller's scope is answered like one that does not exist (404), so keys cannot be
// probed; an action the role may never take is a 403.
import { EVENT_TYPES, type TCandidateEvent, type TEventType } from '../../domain/events';
import { parseCandidateKey } from '../../domain/lifecycle/candidate';
import { PROGRAM_STAFF_ROLES } from '../../domain/roles';
import { API_ROLES, type TApiRole, type TPrincipal } from './principal';

export type TAction =
  | { kind: 'candidate.start'; programId: string }
  | { kind: 'roster.import' }
  | { kind: 'candidate.list' }
  | { kind: 'candidate.read'; candidateKey: string }
  | { kind: 'candidate.event'; candidateKey: string; event: TCandidateEvent }
  | { kind: 'dashboard.overview' }
  | { kind: 'dashboard.atRisk' }
  | { kind: 'dashboard.queue' }
  // Program reports (issue 19): aggregates only, never IIP content (R-IIP-5).
  | { kind: 'report.program'; programId: string }
  | { kind: 'report.director' }
  | { kind: 'report.district'; districtId: string };

export type TDecision = { allow: true } | { allow: false; status: 403 | 404; reason: string };

// The director (appeals, escalations such as a missed coach match) is program staff too.
const PROGRAM_STAFF: readonly TApiRole[] = PROGRAM_STAFF_ROLES;
const ALL_ROLES: readonly TApiRole[] = API_ROLES;

/** R-IIP-5: only the candidate, the coach, the approving supervisor and program staff (the PA) read the IIP. */
const IIP_READERS: readonly TApiRole[] = ['candidate', 'coach', 'supervisor', 'pa', 'director'];

const ACTION_ROLES: Record<Exclude<TAction['kind'], 'candidate.event'>, readonly TApiRole[]> = {
  'candidate.start': ['pa'],
  'roster.import': ['pa'],
  'candidate.list': ALL_ROLES,
  'candidate.read': ALL_ROLES,
  'dashboard.overview': ['pa', 'director', 'instructor', 'coach', 'supervisor', 'districtCoordinator'],
  'dashboard.atRisk': ['pa', 'director', 'instructor', 'coach', 'supervisor', 'districtCoordinator'],
  'dashboard.queue': ['pa', 'credentialsOffice'],
  'report.program': PROGRAM_STAFF,
  // Across programs: a director or PA whose token names no program (aggregates only, no candidate).
  'report.director': ['pa', 'director'],
  'report.district': ['districtCoordinator', 'pa'],
};

/**
 * Who records which event. The PA records every event but one: the recommendation to the CTC is
 * the credentials office's own act (R-REC-4), after the PA's verification (R-REC-3). Assessments and IIP approvals carry the rater or
 * approver, which must be the caller's own role (R-ASM-1, R-IIP-3). An event type added to the
 * vocabulary and not listed here is the PA's alone until someone decides otherwise.
 */
const PA_ONLY: readonly TApiRole[] = ['pa'];
const EVENT_ROLES: Partial<Record<TEventType, readonly TApiRole[]>> = {
  admitted: ['pa'],
  coachAssigned: ['pa'],
  supervisorAssigned: ['pa'],
  orientationAttended: ['pa'],
  assessmentSubmitted: ['pa', 'candidate', 'coach', 'supervisor'],
  iipSubmitted: ['pa', 'candidate', 'coach'],
  iipApproved: ['pa', 'coach', 'supervisor'],
  iipRevised: ['pa', 'candidate', 'coach'],
  coachingLogged: ['pa', 'coach'],
  learningLogged: ['pa', 'candidate', 'instructor'],
  assignmentSubmitted: ['pa', 'instructor'],
  portfolioReviewed: ['pa', 'coach', 'supervisor'],
  portfolioPresented: ['pa'],
  actionPlanAgreed: ['pa'],
  deferred: ['pa'],
  extensionGranted: ['pa'],
  withdrawn: ['pa'],
  experienceVerified: ['pa', 'credentialsOffice'],
  credentialVerified: ['pa', 'credentialsOffice'],
  coachVerified: ['pa', 'coach'],
  candidateDocumentsSubmitted: ['pa', 'candidate'],
  paVerified: ['pa'],
  recommendedToCtc: ['credentialsOffice'],
  ctcStepsCompleted: ['pa', 'credentialsOffice', 'candidate'],
  // R-INT-1: coach and instructor gather information and invite resubmission; the PA runs the watch.
  interventionNoted: ['pa', 'coach', 'instructor'],
  revisedItemCompleted: ['pa', 'coach', 'instructor'],
  // R-APL-1: the candidate files an appeal in writing; decisions are recorded by program staff.
  appealFiled: ['pa', 'candidate'],
  // The director decides the third step of an appeal (R-APL-1).
  appealDecided: ['pa', 'director'],
  // R-REM-1: a policy milestone (seed 004's ILP cells) is handed in by the candidate or noted by the coach.
  milestoneSubmitted: ['pa', 'candidate', 'coach'],
  // R-NOT (delivery): SES reports bounces; only the SES-events consumer records them (no person's role).
  emailBounced: [],
  contactCorrected: ['pa', 'director'],
};
const rolesFor = (type: TEventType): readonly TApiRole[] => EVENT_ROLES[type] ?? PA_ONLY;

export function isProgramStaff(role: TApiRole): boolean {
  return PROGRAM_STAFF.includes(role);
}

export function mayReadIip(role: TApiRole): boolean {
  return IIP_READERS.includes(role);
}

/** The event types a role may record at all (for the dashboard and the OpenAPI description). */
export function eventTypesFor(role: TApiRole): TEventType[] {
  return EVENT_TYPES.filter((t) => rolesFor(t).includes(role));
}

export function inScope(principal: TPrincipal, candidateKey: string): boolean {
  const parsed = parseCandidateKey(candidateKey);
  if (!parsed) return false;
  if (isProgramStaff(principal.role))
    return principal.programId !== undefined && principal.programId === parsed.programId;
  return (principal.candidateKeys ?? []).includes(candidateKey);
}

/** What a principal may list: a whole program (or all), or exactly their candidates. */
export type TListScope = { kind: 'program'; programId?: string } | { kind: 'candidates'; candidateKeys: string[] };

export function listScope(principal: TPrincipal): TListScope {
  if (isProgramStaff(principal.role))
    return principal.programId !== undefined
      ? { kind: 'program', programId: principal.programId }
      : { kind: 'candidates', candidateKeys: [] };
  return { kind: 'candidates', candidateKeys: principal.candidateKeys ?? [] };
}

const deny = (status: 403 | 404, reason: string): TDecision => ({ allow: false, status, reason });

export function authorize(principal: TPrincipal, action: TAction): TDecision {
  const { role } = principal;
  if (action.kind !== 'candidate.event') {
    if (!ACTION_ROLES[action.kind].includes(role)) return deny(403, `role ${role} may not ${describe(action)}`);
    if (action.kind === 'candidate.read' && !inScope(principal, action.candidateKey))
      return deny(404, `no candidate ${action.candidateKey}`);
    if (
      (action.kind === 'candidate.start' || action.kind === 'report.program') &&
      principal.programId !== action.programId
    )
      return deny(
        403,
        principal.programId
          ? `this token is for program ${principal.programId}, not ${action.programId}`
          : 'this token names no program',
      );
    if (action.kind === 'report.director' && principal.programId !== undefined)
      return deny(403, `this token is for program ${principal.programId} only, not every program`);
    if (
      action.kind === 'report.district' &&
      role === 'districtCoordinator' &&
      principal.districtId !== action.districtId
    )
      return deny(
        403,
        principal.districtId
          ? `this token is for district ${principal.districtId}, not ${action.districtId}`
          : 'this token names no district',
      );
    return { allow: true };
  }
  if (!inScope(principal, action.candidateKey)) return deny(404, `no candidate ${action.candidateKey}`);
  const { event } = action;
  if (!rolesFor(event.type).includes(role)) return deny(403, `role ${role} may not record '${event.type}' events`);
  if (role !== 'pa' && event.type === 'assessmentSubmitted' && event.rater !== role)
    return deny(
      403,
      `a ${role} records only their own assessment (rater '${role}'), not the ${event.rater}'s (R-ASM-1)`,
    );
  if (role !== 'pa' && event.type === 'iipApproved' && event.approver !== role)
    return deny(403, `a ${role} approves the IIP only as '${role}', not as ${event.approver} (R-IIP-3)`);
  return { allow: true };
}

function describe(action: TAction): string {
  switch (action.kind) {
    case 'candidate.start':
      return 'start candidates';
    case 'roster.import':
      return 'import rosters';
    case 'candidate.list':
      return 'list candidates';
    case 'candidate.read':
      return 'read candidates';
    case 'dashboard.overview':
      return 'see the cohort overview';
    case 'dashboard.atRisk':
      return 'see the at-risk list';
    case 'dashboard.queue':
      return "see the credentials office's queue";
    case 'report.program':
      return 'see program reports';
    case 'report.director':
      return 'see the report across programs';
    case 'report.district':
      return 'see district reports';
    default:
      return 'do this';
  }
}
