/**
 * `npm run precompile -- definition.json [out.js]` in this repository: the package's
 * `ozg-forms precompile` (src/cli) run from the sources. Tests and the benchmark import
 * `precompile` from here.
 */
import { fileURLToPath } from 'node:url';
import { run } from '../src/cli/main.js';

export { precompile } from '../src/cli/precompile.js';

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await run(['precompile', ...process.argv.slice(2)]);
}
