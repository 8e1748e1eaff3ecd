/**
 * The `ozg-forms` command as the package ships it (dist/cli/ozg-forms.js, built by
 * scripts/build-cli.ts): the validators' run-time helpers beside it, the version from the
 * package's own package.json.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './main.js';

const { version } = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

process.exitCode = await run(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  runtime: fileURLToPath(new URL('./validator-runtime.js', import.meta.url)),
  version,
});
