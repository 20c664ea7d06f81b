// Resolves a policy id: the built-ins, or a program's own JSON policy file in CASC_POLICY_DIR
// (`<id>.json`), validated with every problem named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_POLICY_IDS, getBuiltinPolicy, parsePolicy, type TProgramPolicy } from '../domain/policy/policy';

export function createPolicyResolver(policyDir = process.env.CASC_POLICY_DIR): (id: string) => TProgramPolicy {
  return (id) => {
    if (BUILTIN_POLICY_IDS.includes(id)) return getBuiltinPolicy(id);
    if (!policyDir || !/^[a-z0-9][a-z0-9_-]{0,59}$/.test(id)) return getBuiltinPolicy(id);
    let text: string;
    try {
      text = readFileSync(join(policyDir, `${id}.json`), 'utf8');
    } catch {
      return getBuiltinPolicy(id); // throws "unknown policy … known: …"
    }
    return loadPolicyText(text, `${id}.json`);
  };
}

export function loadPolicyText(text: string, source: string): TProgramPolicy {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${source}: not valid JSON (${(err as Error).message})`);
  }
  return parsePolicy(json);
}
