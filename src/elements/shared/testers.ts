/**
 * Combinators to build a control's `rank` from (in the manner of JSON Forms'
 * `rankWith(3, and(isControl, formatIs('date')))`): `rankWith(RANK.custom, and(isType('string'),
 * pointerEndsWith('/iban')))`. For hosts' controls; the built-in controls write their ranks out, so
 * none of this is in the code an element loads before its first render (it ships with
 * `ozg-forms/elements`, which a host's control imports anyway).
 */
import { choicesOf, valueOf, type FieldType } from '../../core/schema.js';
import type { SchemaObject } from '../../core/types.js';
import { RANK, type RankedTester, type Tester } from './rank.js';

/** `rank` where `tester` holds, else `RANK.none`. */
export const rankWith =
  (rank: number, tester: Tester): RankedTester =>
  (field, context) =>
    tester(field, context) ? rank : RANK.none;

/** The highest of several ranks (a control that fits some fields better than others). */
export const best =
  (...testers: RankedTester[]): RankedTester =>
  (field, context) =>
    Math.max(...testers.map((tester) => tester(field, context)));

/** Every tester holds. */
export const and =
  (...testers: Tester[]): Tester =>
  (field, context) =>
    testers.every((tester) => tester(field, context));

/** One of the testers holds. */
export const or =
  (...testers: Tester[]): Tester =>
  (field, context) =>
    testers.some((tester) => tester(field, context));

/** The tester does not hold. */
export const not =
  (tester: Tester): Tester =>
  (field, context) =>
    !tester(field, context);

/** The field's type is one of these (declared, or inferred from `const`/`enum`/`properties`/`items`). */
export const isType =
  (...types: FieldType[]): Tester =>
  (field) =>
    types.includes(field.type as FieldType);

/** The definition asks for this control: `x-widget` is one of these. */
export const hasWidget =
  (...widgets: string[]): Tester =>
  (field) =>
    widgets.includes(valueOf<string>(field, 'x-widget') as string);

/** The field's `format` is one of these (`date`, `email`, …). */
export const hasFormat =
  (...formats: string[]): Tester =>
  (field) =>
    formats.includes(valueOf<string>(field, 'format') as string);

/** The field is a choice: `enum`, or `oneOf`/`anyOf` of `const`s. */
export const isEnum: Tester = (field) => choicesOf(field) !== undefined;

/** A choice with at least `min` and at most `max` options. */
export const optionCount =
  (min: number, max = Infinity): Tester =>
  (field) => {
    const count = choicesOf(field)?.length;
    return count !== undefined && count >= min && count <= max;
  };

/**
 * `predicate` holds for one of the field's schemas: the property's own, or one its `$ref` leads to
 * (the first that has a keyword is the one that counts for annotations, see `keywordOf`).
 */
export const schemaMatches =
  (predicate: (schema: SchemaObject) => boolean): Tester =>
  (field) =>
    field.nodes.some((node) => predicate(node.schema));

/** The field's data pointer ends with this, e.g. `/iban` or `/person/birthDate`. */
export const pointerEndsWith =
  (suffix: string): Tester =>
  (field) =>
    field.pointer.endsWith(suffix);

/** The field is rendered on one of these steps (`steps[].id`). */
export const inStep =
  (...steps: string[]): Tester =>
  (_field, context) =>
    steps.includes(context.step);

/** The element shows one of these languages (`de`, `en`, …). */
export const inLanguage =
  (...languages: string[]): Tester =>
  (_field, context) =>
    languages.includes(context.language);
