/**
 * The one ajv configuration, for build-time precompilation, the server, and the on-demand compiler
 * in pages that allow `unsafe-eval`. Importing this module pulls in the ajv compiler: the browser
 * only loads it on demand.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Options } from 'ajv';
import { formats } from './formats.js';

/** Annotation keywords of the definition format (declared so ajv's strict mode stays on). */
export const UI_KEYWORDS = [
  'x-widget',
  'x-autocomplete',
  'x-placeholder',
  'x-inputmode',
  'x-errorMessages',
  'x-itemTitle',
  'x-addLabel',
  'x-reviewHidden',
] as const;

export function createAjv(options: Options = {}): Ajv2020 {
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    strictTypes: false,
    $data: false,
    unicodeRegExp: true,
    messages: false,
    ...options,
  });
  for (const keyword of UI_KEYWORDS)
    ajv.addKeyword({ keyword, schemaType: ['string', 'object', 'boolean'] });
  for (const [name, format] of Object.entries(formats)) ajv.addFormat(name, format);
  return ajv;
}

/** The `$id` under which a definition's schema is compiled. */
export function schemaId(definitionId: string): string {
  return `https://ozg-forms.invalid/definitions/${encodeURIComponent(definitionId)}`;
}

/** The ajv reference of a schema node given by its pointer in the definition (`/schema/...`). */
export function refOf(definitionId: string, pointer: string): string {
  return schemaId(definitionId) + '#' + pointer.slice('/schema'.length);
}
