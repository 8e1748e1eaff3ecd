/**
 * Field controls for hosts (exported from `ozg-forms/elements`): the ranked registry, the rank
 * scale and testers to choose a control, and the field shell that gives a control of your own its
 * label, hint, error and ARIA. Not an entry point of its own: one more entry would split the
 * shared chunks further and cost every element bytes before its first render.
 */
export { controls, controlFor, idFor, type Control, type ControlHost } from './shared/controls.js';
export { fieldShell, type FieldKind, type FieldParts } from './shared/field-shell.js';
export * from './shared/rank.js';
export * from './shared/testers.js';
export type { Field, FieldType } from '../core/schema.js';
