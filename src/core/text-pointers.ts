/**
 * Which texts a definition has, by pointer, and whether a translation covers them: for the build
 * (`npm run generate` checks the built-in definitions' translations), tools and tests. Kept apart
 * from texts.ts, which every element loads before its first render and which needs none of it.
 */
import { getAt, isObject, joinPointer } from './pointer.js';
import type { Translations } from './texts.js';
import type { Definition } from './types.js';

/** Keywords whose string values are texts a citizen reads. */
const TEXT_KEYWORDS = new Set([
  'title',
  'description',
  'x-placeholder',
  'x-itemTitle',
  'x-addLabel',
  'x-why',
  'x-legalBasis',
]);

/** The pointers of every translatable text in a definition. */
export function textPointers(definition: Definition): string[] {
  const found: string[] = [];
  const visit = (
    value: unknown,
    pointer: string,
    key: string | undefined,
    parentKey: string | undefined,
  ) => {
    if (typeof value === 'string') {
      if (key === undefined) return;
      if (TEXT_KEYWORDS.has(key) && parentKey !== 'properties') found.push(pointer);
      else if (parentKey === 'x-errorMessages') found.push(pointer);
      return;
    }
    if (Array.isArray(value))
      value.forEach((v, i) => visit(v, joinPointer(pointer, i), String(i), key));
    else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (
          key === 'properties' ||
          key === '$defs' ||
          key === 'dependentSchemas' ||
          key === 'patternProperties'
        )
          visit(v, joinPointer(pointer, k), undefined, undefined);
        else if (
          key !== 'x-errorMessages' &&
          (k === 'const' || k === 'enum' || k === 'default' || k === 'examples')
        )
          continue;
        else visit(v, joinPointer(pointer, k), k, key);
      }
    }
  };
  for (const key of ['title', 'description'] as const) {
    if (typeof definition[key] === 'string') found.push(`/${key}`);
  }
  definition.legalBasis?.forEach((_, i) => found.push(`/legalBasis/${i}/title`));
  definition.steps.forEach((step, i) => {
    found.push(`/steps/${i}/title`);
    if (step.description) found.push(`/steps/${i}/description`);
  });
  visit(definition.schema, '/schema', undefined, undefined);
  definition.documents?.forEach((requirement, i) => {
    found.push(`/documents/${i}/title`);
    if (requirement.description) found.push(`/documents/${i}/description`);
  });
  definition.parties?.forEach((_, i) => found.push(`/parties/${i}/title`));
  const outcomes = definition.outcome;
  (Array.isArray(outcomes) ? outcomes : outcomes ? [outcomes] : []).forEach((outcome, i) => {
    const base = Array.isArray(outcomes) ? `/outcome/${i}` : '/outcome';
    if (outcome.type === 'submission') {
      if (outcome.identity) found.push(`${base}/identity/explanation`);
      return;
    }
    if (outcome.description) found.push(`${base}/description`);
    outcome.checklist.forEach((item, j) => {
      found.push(`${base}/checklist/${j}/title`);
      if (item.description) found.push(`${base}/checklist/${j}/description`);
    });
    if (outcome.booking?.title) found.push(`${base}/booking/title`);
  });
  if (definition.fees) {
    if (definition.fees.description) found.push('/fees/description');
    definition.fees.items.forEach((item, i) => {
      found.push(`/fees/items/${i}/title`);
      if (item.legalBasis) found.push(`/fees/items/${i}/legalBasis`);
    });
  }
  const quickCheck = definition.quickCheck;
  if (quickCheck) {
    for (const key of ['title', 'description', 'notice'] as const) {
      if (typeof quickCheck[key] === 'string') found.push(`/quickCheck/${key}`);
    }
    visit(quickCheck.schema, '/quickCheck/schema', undefined, undefined);
    for (const [name, computed] of Object.entries(quickCheck.computed ?? {})) {
      if (!('solvency' in computed)) continue;
      const base = joinPointer('/quickCheck/computed', name, 'solvency');
      const { solvency } = computed;
      found.push(joinPointer(base, 'need', 'source'));
      solvency.periods.forEach((_, i) => found.push(joinPointer(base, 'periods', i, 'source')));
      if (solvency.table) found.push(joinPointer(base, 'table', 'source'));
      for (const key of ['notCounted', 'alternatives'] as const)
        if (solvency[key] !== undefined) found.push(joinPointer(base, key));
    }
    quickCheck.criteria.forEach((criterion, i) => {
      found.push(`/quickCheck/criteria/${i}/title`, `/quickCheck/criteria/${i}/legalBasis`);
      if (criterion.proof !== undefined) found.push(`/quickCheck/criteria/${i}/proof`);
      criterion.rules.forEach((_, j) =>
        found.push(`/quickCheck/criteria/${i}/rules/${j}/explanation`),
      );
    });
  }
  return found;
}

/** Keys of a translation that name no text, and texts that have no translation. */
export function textProblems(
  definition: Definition,
  texts: Translations,
): { unknown: string[]; missing: string[] } {
  const pointers = new Set(textPointers(definition));
  return {
    unknown: Object.keys(texts).filter(
      (k) => !pointers.has(k) || typeof getAt(definition, k) !== 'string',
    ),
    missing: [...pointers].filter((p) => typeof texts[p] !== 'string'),
  };
}
