/** The core: definitions, schema model, validation, quick-check, payload, HTTP and drafts. No DOM, no Lit. */
export * from './types.js';
export * from './pointer.js';
export * from './schema.js';
export * from './errors.js';
export * from './validator.js';
export * from './definition.js';
export * from './texts.js';
export * from './payload.js';
export * from './http.js';
export * from './draft.js';
export * from './formats.js';
export * from './fields.js';
export * from './quick-check.js';
export * from './handoff.js';
export * from './fees.js';
export * from './documents.js';
export * from './files.js';
export type { BuiltIn, CompiledDefinition } from './built-in.js';
