/**
 * The import graph, as esbuild resolves it (its metafile: static and dynamic imports, type-only
 * imports erased): the server reaches nothing of the browser's layers, and `src/` has no cycles.
 * Needs the generated modules (`npm run generate`), like the build.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Metafile } from 'esbuild';

const root = new URL('../..', import.meta.url).pathname;

/** Every TypeScript module under `dir` (relative to the root), declaration files aside. */
function modulesUnder(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.ts$/.test(file) && !/\.d\.ts$|\.stories\.ts$/.test(file))
    .map((file) => join(dir, file));
}

/** The metafile of bundling `entryPoints` (nothing written; packages stay outside the graph). */
async function graphOf(entryPoints: string[]): Promise<Metafile> {
  try {
    const result = await build({
      absWorkingDir: root,
      entryPoints,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      packages: 'external',
      outdir: 'out',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    return result.metafile;
  } catch (error) {
    throw new Error(
      `esbuild could not follow the imports (run npm run generate first?): ${error}`,
      {
        cause: error,
      },
    );
  }
}

/** The modules a module imports (itself within the root) and the packages it imports. */
function edges(graph: Metafile, path: string) {
  const imports = graph.inputs[path]?.imports ?? [];
  return {
    modules: imports.filter((i) => !i.external).map((i) => i.path),
    packages: imports.filter((i) => i.external).map((i) => i.path),
  };
}

/** The chain of imports from an entry point to `target` (for the message). */
function chainTo(graph: Metafile, entries: string[], target: string): string[] {
  const parent = new Map<string, string | undefined>(entries.map((e) => [e, undefined]));
  const queue = [...entries];
  while (queue.length > 0) {
    const path = queue.shift()!;
    if (path === target) break;
    for (const next of edges(graph, path).modules)
      if (!parent.has(next)) {
        parent.set(next, path);
        queue.push(next);
      }
  }
  const chain: string[] = [];
  for (let at: string | undefined = target; at !== undefined; at = parent.get(at))
    chain.unshift(at);
  return chain;
}

/** Strongly connected components with more than one module, or a module importing itself. */
function cycles(graph: Metafile): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges(graph, v).modules) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || edges(graph, v).modules.includes(v)) found.push(component.sort());
    }
  };
  for (const v of Object.keys(graph.inputs)) if (!index.has(v)) visit(v);
  return found;
}

/** A cycle's modules in import order (`a → b → a`), for the message. */
function describeCycle(graph: Metafile, component: string[]): string {
  const members = new Set(component);
  const path = [component[0]!];
  for (;;) {
    const next = edges(graph, path.at(-1)!).modules.find(
      (m) => members.has(m) && (m === path[0] || !path.includes(m)),
    );
    if (next === undefined) return `${component.join(', ')} (strongly connected)`;
    path.push(next);
    if (next === path[0]) return path.join(' → ');
  }
}

/** Whether an imported package is Lit (which needs the DOM) or one of its parts. */
const isLit = (spec: string) => /^(lit|lit-html|lit-element)(\/|$)|^@lit\//.test(spec);

describe('the import graph', () => {
  test('the server reaches nothing of src/elements, src/i18n or Lit (through any import)', async () => {
    const entries = modulesUnder('server');
    const graph = await graphOf(entries);
    const reached = Object.keys(graph.inputs);
    assert.ok(
      reached.includes('src/core/messages/validation.ts') && reached.includes('server/main.ts'),
      `the graph is the server's: ${reached.length} modules`,
    );
    const problems: string[] = [];
    for (const path of reached) {
      if (/^src\/(elements|i18n)\//.test(path))
        problems.push(chainTo(graph, entries, path).join(' → '));
      for (const spec of edges(graph, path).packages.filter(isLit))
        problems.push(`${chainTo(graph, entries, path).join(' → ')} → ${spec}`);
    }
    assert.deepEqual(problems, [], `the server must not import the browser's layers`);
  });

  test('the check sees a forbidden import when there is one', async () => {
    const graph = await graphOf(['src/i18n/messages.ts']);
    const litImports = Object.keys(graph.inputs).flatMap((path) =>
      edges(graph, path).packages.filter(isLit),
    );
    assert.ok(litImports.includes('@lit/localize'), litImports.join(', '));
    assert.deepEqual(chainTo(graph, ['src/i18n/messages.ts'], 'src/i18n/localization.ts'), [
      'src/i18n/messages.ts',
      'src/i18n/localization.ts',
    ]);
  });

  test('src/ has no import cycle (static or dynamic)', async () => {
    const graph = await graphOf(modulesUnder('src'));
    assert.deepEqual(
      cycles(graph).map((c) => describeCycle(graph, c)),
      [],
    );
  });

  test('the cycle check finds a cycle', async () => {
    const graph: Metafile = {
      inputs: {
        a: { bytes: 0, imports: [{ path: 'b', kind: 'import-statement', original: './b' }] },
        b: { bytes: 0, imports: [{ path: 'c', kind: 'dynamic-import', original: './c' }] },
        c: { bytes: 0, imports: [{ path: 'a', kind: 'import-statement', original: './a' }] },
        d: { bytes: 0, imports: [{ path: 'a', kind: 'import-statement', original: './a' }] },
      },
      outputs: {},
    };
    assert.deepEqual(cycles(graph), [['a', 'b', 'c']]);
    assert.equal(describeCycle(graph, ['a', 'b', 'c']), 'a → b → c → a');
  });
});
