/**
 * Builds the runtime locale modules from locales/*.xlf and fails when a UI text has no
 * translation (run `npm run localize:extract` after changing texts, then translate the new units).
 */
import { spawnSync } from 'node:child_process';

const run = spawnSync('npx', ['lit-localize', 'build'], { encoding: 'utf8' });
const output = `${run.stdout}${run.stderr}`;
// A variant of German (Leichte Sprache, `de-x-ls`) has the texts it rewrites; the rest stay German.
const missing = output
  .split('\n')
  .filter((line) => /is missing/.test(line) && !/^de-x-/.test(line.trim()));
if (run.status !== 0 || missing.length > 0) {
  console.error(output);
  console.error(
    `${missing.length} UI text(s) without translation: translate them in locales/*.xlf.`,
  );
  process.exit(1);
}
console.log('UI texts: every translation present.');
