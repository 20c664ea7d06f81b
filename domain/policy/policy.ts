// Everything a program decides, as one validated document. Defaults are the USC Rossier handbook
// (seed 003), so a policy file names only what differs; where the sources disagree the alternative
// ships as a second built-in. Parsing reports every problem at once, each with its path, because a
// policy author fixing one error per run would never finish.
import { z } from 'zod';
import { ZProgramPolicy, type TProgramPolicy } from './schema';
import { rossierPolicyInput } from './programs/rossier';
import { ctcStandardPolicyInput } from './programs/ctc-standard';

export * from './schema';

export class PolicyError extends Error {
  override readonly name = 'PolicyError';
  constructor(readonly problems: readonly string[]) {
    super(
      `invalid program policy (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)),
    '',
  );
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => `${formatPath([...issue.path, key])}: unknown field`);
  }
  let text = issue.message;
  if ((issue.code === 'too_small' || issue.code === 'too_big') && /^Too (small|big)/.test(text)) {
    const small = issue.code === 'too_small';
    const bound = String(small ? issue.minimum : issue.maximum);
    const cmp = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
    if (issue.origin === 'number' || issue.origin === 'int') text = `expected a number ${cmp} ${bound}`;
    else if (issue.origin === 'array') text = `expected ${small ? 'at least' : 'at most'} ${bound} items`;
    else if (issue.origin === 'string')
      text =
        small && bound === '1' ? 'must not be empty' : `expected ${small ? 'at least' : 'at most'} ${bound} characters`;
  }
  text = text.replace(/^Invalid (input|option): /, '');
  return [`${at || '(policy)'}: ${text}`];
}

/** Validates a policy document (an object, or JSON text). Throws PolicyError naming every problem. */
export function parsePolicy(json: unknown): TProgramPolicy {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (e) {
      throw new PolicyError([`(policy): not valid JSON: ${(e as Error).message}`]);
    }
  }
  const result = ZProgramPolicy.safeParse(value);
  if (!result.success) throw new PolicyError(result.error.issues.flatMap(describeIssue));
  return result.data;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** The handbook program (seed 003). */
export const rossier: TProgramPolicy = deepFreeze(parsePolicy(rossierPolicyInput));
/** State standard minimums (seed 000). */
export const ctcStandard: TProgramPolicy = deepFreeze(parsePolicy(ctcStandardPolicyInput));

const BUILTIN_POLICIES: Readonly<Record<string, TProgramPolicy>> = {
  [rossier.id]: rossier,
  [ctcStandard.id]: ctcStandard,
};
export const BUILTIN_POLICY_IDS: readonly string[] = Object.keys(BUILTIN_POLICIES);

/** A built-in policy by id (frozen: copy before changing). */
export function getBuiltinPolicy(id: string): TProgramPolicy {
  const policy = Object.hasOwn(BUILTIN_POLICIES, id) ? BUILTIN_POLICIES[id] : undefined;
  if (!policy)
    throw new PolicyError([`id: unknown program policy "${id}"; known policies: ${BUILTIN_POLICY_IDS.join(', ')}`]);
  return policy;
}
