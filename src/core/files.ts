/**
 * Checks every file passes before a byte is sent (and again on the server): its size, and its type
 * by its leading bytes ("magic numbers"), never by its name.
 */

import { intlLocale } from './locale.js';

/** The types the library recognises by their leading bytes. */
export const KNOWN_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type KnownType = (typeof KNOWN_TYPES)[number];

const TYPE_NAMES: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/**
 * Accepted types as people read them: "PDF, JPEG, PNG", or with a language as the alternatives
 * they are ("PDF, JPEG oder PNG", "PDF, JPEG or PNG").
 */
export function typesText(accept: readonly string[], locale?: string): string {
  const names = accept.map((t) => TYPE_NAMES[t] ?? t);
  return locale
    ? new Intl.ListFormat(intlLocale(locale), { type: 'disjunction' }).format(names)
    : names.join(', ');
}

/** Bytes needed to recognise a type. */
export const SNIFF_BYTES = 16;

/** The type of a file by its first bytes, or undefined when it is none of the known types. */
export function sniffType(head: Uint8Array): KnownType | undefined {
  const starts = (...bytes: number[]) => bytes.every((b, i) => head[i] === b);
  if (starts(0x25, 0x50, 0x44, 0x46, 0x2d)) return 'application/pdf'; // %PDF-
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  return undefined;
}

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** `10MB`, `500 KB`, `1048576` → bytes (binary units, as file managers show them); undefined if unreadable. */
export function parseSize(text: string | number | undefined | null): number | undefined {
  if (typeof text === 'number') return Number.isFinite(text) && text > 0 ? text : undefined;
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(text ?? '');
  if (!match) return undefined;
  const value = Number(match[1]!.replace(',', '.')) * UNITS[(match[2] ?? 'b').toLowerCase()]!;
  return value > 0 ? Math.round(value) : undefined;
}

/**
 * Bytes as people read them: "14 MB", "1,5 MB", "10,5 MB", "800 KB", to a tenth. `up` rounds up,
 * for a size over a limit: 10 MB and one byte is "10,1 MB", never "10 MB".
 */
export function formatSize(bytes: number, locale = 'de', up = false): string {
  const format = (value: number, unit: string) =>
    `${new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 1 }).format(up ? Math.ceil(value * 10) / 10 : value)} ${unit}`;
  if (bytes >= 1024 ** 2) return format(bytes / 1024 ** 2, 'MB');
  if (bytes >= 1024) return format(bytes / 1024, 'KB');
  return `${bytes} B`;
}

export type FileProblem =
  | { kind: 'size'; size: number; limit: number }
  | { kind: 'empty' }
  | { kind: 'type'; detected: KnownType | undefined; accepted: readonly string[] };

/** What is wrong with a file, if anything: size first (cheap), then the type by its bytes. */
export function checkFile(
  file: { size: number; head: Uint8Array },
  rules: { accept: readonly string[]; maxSize: number },
): FileProblem | undefined {
  if (file.size === 0) return { kind: 'empty' };
  if (file.size > rules.maxSize) return { kind: 'size', size: file.size, limit: rules.maxSize };
  const detected = sniffType(file.head);
  if (!detected || !rules.accept.includes(detected))
    return { kind: 'type', detected, accepted: rules.accept };
  return undefined;
}

/** Default limits for a requirement that names none. */
export const DEFAULT_ACCEPT: readonly string[] = KNOWN_TYPES;
export const DEFAULT_MAX_SIZE = 10 * 1024 ** 2;
