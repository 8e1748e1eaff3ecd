/**
 * The string formats definitions may use. One implementation for the precompiled validators, the
 * on-demand compiler and the server, so browser and server agree on what is valid.
 *
 * Small on purpose: ajv-formats' full set is CommonJS and carries many formats a form never needs.
 * The date and e-mail rules below are the ones ajv-formats uses in "full" and "fast" mode.
 */

const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** RFC 3339 full-date with a real calendar day (2025-02-29 is refused). */
export function date(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= (month === 2 && isLeapYear(year) ? 29 : (DAYS[month] ?? 0))
  );
}

const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/** A practical e-mail address check (the "fast" rule of ajv-formats). */
export function email(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value);
}

/** The formats as ajv format definitions (what generated validators call). */
export const formats = {
  date: { type: 'string', validate: date },
  email: { type: 'string', validate: email },
} as const;
export type FormatName = keyof typeof formats;
