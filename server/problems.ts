/**
 * What the reference server itself says to a citizen in problem details (RFC 9457 `title` and
 * `detail`), in the submission's language: a message table per language like the validation
 * messages (src/core/messages/), German the source and the fallback. A language is one more file
 * in problem-texts/. Texts only a developer reads (a malformed request) stay English.
 */
import { Catalog } from '../src/core/messages/catalog.js';
import de, { type ProblemText } from './problem-texts/de.js';
import en from './problem-texts/en.js';
import tr from './problem-texts/tr.js';
import ar from './problem-texts/ar.js';
import uk from './problem-texts/uk.js';
import ru from './problem-texts/ru.js';
import fa from './problem-texts/fa.js';
import { HttpError } from './http.js';

export type { ProblemText } from './problem-texts/de.js';

/** One table per language, German's complete (a language is one more file in problem-texts/). */
export const problemTexts = new Catalog<ProblemText>({ de, en, tr, ar, uk, ru, fa });

/** Text `id` in `locale`'s language (German when there is none), with `args` filled in. */
export function say(locale: string | undefined, id: ProblemText, args?: Record<string, unknown>) {
  return problemTexts.format(locale, id, args).text;
}

/**
 * A problem whose title a citizen reads, in `locale`'s language; `Content-Language` says which
 * (German when the submission's language has no table).
 */
export function citizenProblem(
  status: number,
  locale: string | undefined,
  title: ProblemText,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HttpError {
  const worded = problemTexts.format(locale, title);
  return new HttpError(status, worded.text, extra, {
    'content-language': worded.lang,
    ...headers,
  });
}
