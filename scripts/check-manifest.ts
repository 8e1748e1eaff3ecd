/**
 * Fails when custom-elements.json is not what the analyzer generates from the JSDoc now
 * (run `npm run manifest` to regenerate it).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'prettier';

// The analyzer takes --outdir relative to the working directory.
const dir = join('.tmp', `cem-${process.pid}`);
try {
  execFileSync('npx', ['cem', 'analyze', '--outdir', dir, '--quiet'], { stdio: 'inherit' });
  const options = { parser: 'json' as const };
  const fresh = await format(readFileSync(join(dir, 'custom-elements.json'), 'utf8'), options);
  const committed = await format(readFileSync('custom-elements.json', 'utf8'), options);
  if (fresh !== committed) {
    console.error('custom-elements.json is out of date: run `npm run manifest` and commit it.');
    process.exit(1);
  }
  console.log('custom-elements.json is up to date.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
