/**
 * Builds the `ozg-forms` command the package ships (`bin`): dist/cli/ozg-forms.js for Node, with
 * the core and ajv bundled in, and esbuild and recheck — native programs — left to the package's
 * runtime dependencies; dist/cli/validator-runtime.js, the helpers every precompiled validator
 * bundles.
 */
import { build } from 'esbuild';
import { chmodSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const outdir = new URL('../dist/cli/', import.meta.url).pathname;

const common = {
  bundle: true,
  format: 'esm',
  legalComments: 'linked',
  logLevel: 'warning',
} as const;

const { metafile } = await build({
  ...common,
  metafile: true,
  entryPoints: { 'ozg-forms': 'src/cli/bin.ts' },
  outdir,
  platform: 'node',
  target: 'node20',
  external: ['esbuild', 'recheck'],
  // ajv is CommonJS: its `require`s of Node's modules need a real `require` in an ES module.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
  },
});
// What a precompiled validator imports (a browser module: nothing of Node's).
await build({
  ...common,
  entryPoints: { 'validator-runtime': 'src/core/runtime.ts' },
  outdir,
  platform: 'neutral',
  target: 'es2022',
});
chmodSync(`${outdir}ozg-forms.js`, 0o755);

// The licences of the packages bundled into the command (ajv and its helpers), shipped beside it.
const packages = new Set(
  Object.keys(metafile.inputs).flatMap((input) => {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    return match ? [match[1]!] : [];
  }),
);
const notices = [...packages].sort().map((name) => {
  const dir = join('node_modules', name);
  const { version, license } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
  };
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (!file) throw new Error(`${name} ships no licence file to bundle with the command`);
  return `## ${name}@${version} (${license})\n\n${readFileSync(join(dir, file), 'utf8').trim()}\n`;
});
writeFileSync(
  `${outdir}THIRD-PARTY-LICENSES.md`,
  `# Licences of the packages bundled into the ozg-forms command\n\n${notices.join('\n')}`,
);
