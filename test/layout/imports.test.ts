// Issue #18.5: the layers stay apart. domain/ has no import circle (type imports count: a circle
// is two concepts that cannot be read apart), and the layers under the HTTP shell never import functions/.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const tsFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : [];
  });
const IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gms;
const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(IMPORT)].map((m) => m[1]!);
const resolveLocal = (from: string, spec: string, known: Set<string>) => {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts')].find((p) => known.has(p));
};

/** Strongly connected components with more than one file (Tarjan). */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (let w = stack.pop()!; ; w = stack.pop()!) {
        onStack.delete(w);
        component.push(relative(ROOT, w));
        if (w === v) break;
      }
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('layout', () => {
  it('domain/ has no import circle', () => {
    const files = tsFiles(join(ROOT, 'domain'));
    const known = new Set(files);
    const graph = new Map(files.map((f) => [f, importsOf(f).flatMap((s) => resolveLocal(f, s, known) ?? [])]));
    expect(graph.size).toBeGreaterThan(50);
    expect(circles(graph)).toEqual([]);
  });

  // The simulator's Temporal engine drives the API's own candidate service on purpose (same routing of
  // events as a PA's request); it is a client, like bin/.
  it('domain/, workflows/, activities/ and codec/ never import functions/ (the HTTP shell)', () => {
    const offenders = ['domain', 'workflows', 'activities', 'codec'].flatMap((dir) =>
      tsFiles(join(ROOT, dir)).flatMap((f) =>
        importsOf(f)
          .filter((s) => resolve(dirname(f), s).startsWith(join(ROOT, 'functions')))
          .map((s) => `${relative(ROOT, f)} → ${s}`),
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('the circle finder finds a circle (so an empty answer means something)', () => {
    const [a, b, c] = ['x/a.ts', 'x/b.ts', 'x/c.ts'].map((p) => join(ROOT, p));
    expect(
      circles(
        new Map([
          [a!, [b!]],
          [b!, [a!]],
          [c!, [a!]],
        ]),
      ),
    ).toEqual([['x/a.ts', 'x/b.ts']]);
  });
});
