/**
 * The ReDoS analysis of patterns: recheck (https://makenowjust-labs.github.io/recheck/). In Node
 * (the build, `npx ozg-forms precompile`, the server) its `checkSync` runs the native binary, the JAR or
 * its JavaScript build; in the browser its JavaScript build (≈ 700 KB gzip) on the main thread,
 * which is why the browser imports this module only for a definition compiled on the page (see
 * src/elements/shared/loader.ts) and nothing else imports it. Not part of the core's index.
 */
import { checkSync } from 'recheck';
import type { PatternChecker } from './definition.js';

export const recheck: PatternChecker = (source, flags, params) => checkSync(source, flags, params);
