/**
 * The size budget: gzip bytes of the entry module and everything it imports statically (what a
 * page loads before any element can render) must stay within 30 KB. Locales, definitions,
 * validators and the compiler are dynamic imports and do not count. Deterministic: run on dist/.
 *
 * An argument `a.js+b.js` counts what a page loads for both: `dist/ozg-forms.js` (the loader a web
 * editor includes) with the element it loads for the tag on the page.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = 30 * 1024;
const root = new URL('..', import.meta.url).pathname;
const entries = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['dist/ozg-forms.js'];

/** Static imports only: `import … from "x"`, `import "x"`, `export … from "x"` — not `import("x")`. */
const STATIC_IMPORT = /(?:^|[;\s}])(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["']([^"']+)["']/g;

let failed = false;
for (const entry of entries) {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    for (const match of code.matchAll(STATIC_IMPORT)) {
      const spec = match[1]!;
      if (spec.startsWith('.')) visit(join(dirname(file), spec));
    }
  };
  for (const part of entry.split('+')) visit(join(root, part));
  const sizes = [...seen].map((file) => ({
    file: relative(root, file),
    gzip: gzipSync(readFileSync(file), { level: 9 }).length,
  }));
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  for (const s of sizes) console.log(`  ${(s.gzip / 1024).toFixed(1).padStart(6)} KB  ${s.file}`);
  const verdict = total <= BUDGET ? 'within' : 'OVER';
  console.log(
    `${entry}: ${(total / 1024).toFixed(1)} KB (${total} B) gzip before first render — ${verdict} the budget of ${BUDGET / 1024} KB.`,
  );
  if (total > BUDGET) failed = true;
}
if (failed) process.exit(1);
