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
  'x-why',
  'x-legalBasis',
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

/** The `$id` under which a definition's quick-check questions are compiled. */
export function quickCheckSchemaId(definitionId: string): string {
  return `${schemaId(definitionId)}/quick-check`;
}

/** The `$id` of the schema that holds the quick-check criteria's conditions as `$defs`. */
export function criteriaSchemaId(definitionId: string): string {
  return `${schemaId(definitionId)}/criteria`;
}

/** The `$id` of the schema that holds the fee items' conditions as `$defs`. */
export function feesSchemaId(definitionId: string): string {
  return `${schemaId(definitionId)}/fees`;
}

/** The name, in the fees schema's `$defs`, of an item's `when` or `where`. */
export function feeConditionName(item: number, kind: 'when' | 'where'): string {
  return `f${item}_${kind}`;
}

const FEE_CONDITION = /^\/fees\/items\/(\d+)\/(when|where)(\/.*)?$/;
const DOCUMENT_CONDITION = /^\/documents\/(\d+)\/when(\/.*)?$/;

/** The `$id` of the schema that holds the documents' conditions as `$defs`. */
export function documentsSchemaId(definitionId: string): string {
  return `${schemaId(definitionId)}/documents`;
}

/** The `$id` of the schema that holds the appointment checklists' conditions as `$defs` (format 2). */
export function outcomesSchemaId(definitionId: string): string {
  return `${schemaId(definitionId)}/outcomes`;
}

/**
 * The name, in the outcomes schema's `$defs`, of a checklist item's `when` (`outcome` is the
 * index in the list of outcomes, 0 when the definition has one outcome that is no list).
 */
export function checklistConditionName(outcome: number, item: number): string {
  return `o${outcome}_${item}`;
}
const CHECKLIST_CONDITION = /^\/outcome(?:\/(\d+))?\/checklist\/(\d+)\/when(\/.*)?$/;
const QUICK_CHECK_SCHEMA = '/quickCheck/schema';
const CRITERION_WHEN = /^\/quickCheck\/criteria\/(\d+)\/rules\/(\d+)\/when(\/.*)?$/;

/** The name, in the criteria schema's `$defs`, of a criterion rule's condition. */
export function whenName(criterion: number, rule: number): string {
  return `c${criterion}_${rule}`;
}

/**
 * The ajv reference of a schema node given by its pointer in the definition: in the application
 * schema (`/schema/...`), the quick-check's questions (`/quickCheck/schema/...`) or a criterion's
 * condition (`/quickCheck/criteria/0/rules/1/when`).
 */
export function refOf(definitionId: string, pointer: string): string {
  if (pointer.startsWith(QUICK_CHECK_SCHEMA + '/') || pointer === QUICK_CHECK_SCHEMA)
    return quickCheckSchemaId(definitionId) + '#' + pointer.slice(QUICK_CHECK_SCHEMA.length);
  const document = DOCUMENT_CONDITION.exec(pointer);
  if (document)
    return `${documentsSchemaId(definitionId)}#/$defs/d${document[1]}${document[2] ?? ''}`;
  const item = CHECKLIST_CONDITION.exec(pointer);
  if (item) {
    const name = checklistConditionName(Number(item[1] ?? 0), Number(item[2]));
    return `${outcomesSchemaId(definitionId)}#/$defs/${name}${item[3] ?? ''}`;
  }
  const fee = FEE_CONDITION.exec(pointer);
  if (fee) {
    const name = feeConditionName(Number(fee[1]), fee[2] as 'when' | 'where');
    return `${feesSchemaId(definitionId)}#/$defs/${name}${fee[3] ?? ''}`;
  }
  const when = CRITERION_WHEN.exec(pointer);
  if (when) {
    const name = whenName(Number(when[1]), Number(when[2]));
    return `${criteriaSchemaId(definitionId)}#/$defs/${name}${when[3] ?? ''}`;
  }
  return schemaId(definitionId) + '#' + pointer.slice('/schema'.length);
}
