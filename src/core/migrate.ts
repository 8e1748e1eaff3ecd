/**
 * Definition formats. Format 2 (`"format": 2`) added outcomes with an appointment and a
 * checklist, parties with a hand-off, documents brought in person, identity from a portal, and the
 * proof a quick-check's requirement needs (`proof`, `documents`). A
 * definition without `format` is format 1: everything it can say, format 2 says the same way, so
 * it is migrated in memory when it is loaded (and `scripts/migrate-definition.ts` writes the
 * migrated file). The JSON pointers of its texts and conditions stay the same.
 */
import { DefinitionError } from './definition-error.js';
import { isObject, joinPointer } from './pointer.js';
import type { DefinitionProblem } from './types.js';

/** The format this library writes and checks against (`schema/definition.schema.json`). */
export const DEFINITION_FORMAT = 2;

/** The `$id`s of the meta-schemas, by format. */
export const META_SCHEMA_IDS = {
  1: 'https://ozg-forms.invalid/schema/definition/v1.json',
  2: 'https://ozg-forms.invalid/schema/definition/v2.json',
} as const;

/** The format a definition declares: 1 when it says nothing (or 1), else what it says. */
export function definitionFormat(definition: unknown): unknown {
  if (!isObject(definition) || definition.format === undefined) return 1;
  return definition.format;
}

/** What a format-1 definition may not use: the keys format 2 added. */
function formatTwoKeys(definition: Record<string, unknown>): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const add = (pointer: string) =>
    problems.push({ pointer, message: 'belongs to format 2: add "format": 2 at the top' });
  for (const key of ['parties', 'identity']) if (definition[key] !== undefined) add(`/${key}`);
  const { outcome, steps, documents } = definition;
  if (Array.isArray(outcome)) add('/outcome');
  else if (isObject(outcome) && outcome.type !== undefined && outcome.type !== 'submission')
    add('/outcome/type');
  if (Array.isArray(steps))
    steps.forEach((step, i) => {
      if (isObject(step) && step.party !== undefined) add(joinPointer('/steps', i, 'party'));
    });
  if (Array.isArray(documents))
    documents.forEach((document, i) => {
      if (isObject(document) && document.delivery !== undefined)
        add(joinPointer('/documents', i, 'delivery'));
    });
  const quickCheck = definition.quickCheck;
  if (isObject(quickCheck) && Array.isArray(quickCheck.criteria))
    quickCheck.criteria.forEach((criterion, i) => {
      for (const key of ['proof', 'documents'])
        if (isObject(criterion) && criterion[key] !== undefined)
          add(joinPointer('/quickCheck/criteria', i, key));
    });
  return problems;
}

/** The `$schema` of a migrated definition: the format-2 meta-schema where it named format 1's. */
function migratedSchemaUrl(url: unknown): unknown {
  if (url === META_SCHEMA_IDS[1]) return META_SCHEMA_IDS[2];
  if (typeof url === 'string' && url.endsWith('definition.v1.schema.json'))
    return url.slice(0, -'definition.v1.schema.json'.length) + 'definition.schema.json';
  return url;
}

/**
 * A definition in format 2: a format-1 definition (no `format`, or `1`) gains `"format": 2`, and
 * a `$schema` naming the format-1 meta-schema names format 2's; nothing else changes, so every
 * pointer stays the same. A definition in format 2 (or one that is no object, or declares an
 * unknown format, which the meta-schema then refuses) is returned as it is. Throws a
 * `DefinitionError` when a definition without `format` uses what only format 2 has — it is a
 * format-2 definition that forgot to say so, and a web editor should hear that, not a migration.
 * Does not check anything else: `checkDefinition` does, after migrating.
 */
export function migrateDefinition(definition: unknown): unknown {
  if (!isObject(definition)) return definition;
  const format = definitionFormat(definition);
  if (format !== 1) return definition;
  const problems = formatTwoKeys(definition);
  if (problems.length > 0) throw new DefinitionError(problems);
  // `format` right after `$schema`, so a migrated file reads as a format-2 file would.
  const migrated: Record<string, unknown> = {};
  if (definition.$schema !== undefined) migrated.$schema = migratedSchemaUrl(definition.$schema);
  migrated.format = DEFINITION_FORMAT;
  for (const [key, value] of Object.entries(definition)) {
    if (key === '$schema' || key === 'format') continue;
    Object.defineProperty(migrated, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return migrated;
}
