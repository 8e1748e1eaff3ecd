/**
 * The rank scale and what a tester sees: how the control registry decides which control renders a
 * field. A control's `rank(field, context)` says how well it fits; the highest rank renders, and at
 * equal ranks the control later in the registry. Any number works; the scale says what the
 * built-in controls use, so a host's control can place itself among them. The combinators to build
 * testers from are in `testers.ts`.
 */
import type { Field } from '../../core/schema.js';
import type { Definition } from '../../core/types.js';

/**
 * The scale of ranks. The built-in controls use the first five; a host's control uses `custom` to
 * win over every built-in one, or a rank between two steps to win over some (e.g.
 * `RANK.generic + 1`: above the select, below radios for a few choices).
 */
export const RANK = {
  /** Does not fit: never chosen (so is any rank of 0 or less). */
  none: 0,
  /** Fits any field of its type, as a last resort: the text box for strings and numbers. */
  fallback: 1,
  /** The usual control for a kind of field: a select for choices, yes/no radios, a group, a list. */
  generic: 10,
  /** Fits what the schema says more narrowly: radios for up to six choices, a checkbox for `const: true`. */
  specific: 20,
  /** What the definition asks for with `x-widget` (`textarea`, `radio`, `select`, `date`, …). */
  widget: 30,
  /** A host's own control: above every built-in one. */
  custom: 100,
} as const;

/** What a tester knows beside the field: where and for whom it renders. */
export interface ControlContext {
  /** The definition the element shows. */
  readonly definition: Definition;
  /** The id of the step being rendered (`steps[].id`); `quick-check` in `<quick-check>`. */
  readonly step: string;
  /** The language the element shows its texts in (`de`, `en`, …). */
  readonly language: string;
}

/** Whether a control may render a field. */
export type Tester = (field: Field, context: ControlContext) => boolean;
/** How well a control fits a field: its rank, or `RANK.none` (0 or less) for not at all. */
export type RankedTester = (field: Field, context: ControlContext) => number;
