// Issue #10: in the renderer's folder-level import graph no folder imports a folder that imports it back. A folder is
// a top-level folder of src-renderer (app, ui, db, sync, …) or one feature (features/minutes); a feature's
// subfolders (features/minutes/print) belong to it. Imports are read from the source with a regex over import and
// export … from statements; tests and test helpers are left out.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(process.cwd(), 'src-renderer');
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|(?:^|\n)\s*import\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [p] : [];
  });
}

/** 'features/minutes/print/format.ts' → 'features/minutes'; 'db/hooks.ts' → 'db'; 'main.tsx' → '.'. */
function folderOf(file: string): string {
  const parts = relative(ROOT, file).split(sep);
  if (parts.length === 1) return '.';
  return parts[0] === 'features' ? `features/${parts[1]}` : (parts[0] ?? '.');
}

export function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sourceFiles(ROOT)) {
    const from = folderOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (!target.startsWith(ROOT + sep)) continue; // shared/ and packages are outside the renderer's graph
      const to = folderOf(target.endsWith('.ts') || target.endsWith('.tsx') ? target : `${target}.ts`);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

describe('renderer folder import graph', () => {
  const graph = folderGraph();

  it('is read from the source (sanity: the shell imports features, features import ui and db)', () => {
    expect(graph.get('app')?.has('features/minutes')).toBe(true);
    expect(graph.get('features/minutes')?.has('ui')).toBe(true);
    expect(graph.get('features/minutes')?.has('db')).toBe(true);
  });

  it('has no folder that imports a folder importing it back', () => {
    const cycles: string[] = [];
    for (const [a, edges] of graph) for (const b of edges) if (a < b && graph.get(b)?.has(a)) cycles.push(`${a} ⇄ ${b}`);
    expect(cycles).toEqual([]);
  });
});
