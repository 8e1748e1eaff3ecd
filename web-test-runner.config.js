// Browser tests in Debian's Chromium (or CHROME_PATH): no test tool downloads a browser.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { submissionServer } from './test/support/submission-server.js';
import { chromiumArgs, executablePath } from './test/support/chromium.js';
import { accessibilityPlugin } from './test/support/accessibility.js';

export default {
  files: ['test/elements/**/*.test.ts'],
  nodeResolve: true,
  middleware: [submissionServer()],
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 10_000 } },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }),
    accessibilityPlugin(),
  ],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
};
