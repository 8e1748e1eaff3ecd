/** The built-in definitions, checked and compiled once at start (the server may compile at run time). */
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileDefinition, compileSchema } from '../src/core/compile.js';
import { checkDefinition } from '../src/core/definition.js';
import { recheck } from '../src/core/redos.js';
import { SchemaModel } from '../src/core/schema.js';
import { Texts } from '../src/core/texts.js';
import { createValidator } from '../src/core/validator.js';
import type { Definition, OutcomeType, SchemaObject, Validator } from '../src/core/types.js';
import { computeFees, type FeeSummary } from '../src/core/fees.js';
import { applicableDocuments } from '../src/core/documents.js';
import { checklist, chooseOutcome } from '../src/core/outcome.js';
import { firstPartyErrors } from '../src/core/parties.js';
import { fieldErrorMessage } from '../src/i18n/messages.js';

export interface ServedDefinition {
  definition: Definition;
  validator: Validator;
  model: SchemaModel;
  texts: Texts;
}

/** The definition files of a folder (one sub-folder with a `definition.json` each), or a file itself. */
function definitionFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(path, entry.name, 'definition.json'))
    .filter((file) => existsSync(file));
}

/**
 * The built-in definitions (`src/definitions/<id>/definition.json`) and those of `extraDirs`
 * (same layout: one folder per definition; or a definition file itself), e.g. an authority's own
 * services. A definition in format 1 is served migrated to format 2.
 */
export function loadDefinitions(
  root: string,
  extraDirs: string[] = [],
): Map<string, ServedDefinition> {
  const meta = compileSchema(
    JSON.parse(readFileSync(join(root, 'schema/definition.schema.json'), 'utf8')) as SchemaObject,
  );
  const out = new Map<string, ServedDefinition>();
  for (const dir of [join(root, 'src/definitions'), ...extraDirs])
    for (const file of definitionFiles(dir)) {
      // Patterns too: the server validates every request with them (recheck's analysis).
      const definition = checkDefinition(JSON.parse(readFileSync(file, 'utf8')), meta, recheck);
      const validator = createValidator(compileDefinition(definition));
      out.set(definition.id, {
        definition,
        validator,
        model: new SchemaModel(definition, validator.test),
        texts: new Texts(definition),
      });
    }
  return out;
}

/** What a request's answers come to under a definition: everything that needs its validator. */
export interface Assessment {
  /** Every problem, worded for the citizen (pointers into the data). */
  errors: { pointer: string; detail: string }[];
  /** The fees of the answers that apply. */
  fees: FeeSummary;
  /** The documents the answers that apply call for (to upload: not those brought in person). */
  documents: { id: string; required: boolean; maxFiles: number }[];
  /** For an appointment: what to bring, for the answers that apply. */
  checklist: { id: string; title: string }[];
}

export interface AssessOptions {
  /**
   * `first-party`: the first party's part of a hand-off (format 2), validated without the later
   * parties' subtrees (`data` should hold none: see `firstPartyData`). Default `whole`.
   */
  part?: 'whole' | 'first-party';
  /** The outcome the application ends in (an appointment gets its checklist). Default the first. */
  outcome?: OutcomeType;
}

/** Validates `data`, and works out its fees, documents and checklist (on the answers that apply). */
export function assess(
  served: ServedDefinition,
  data: unknown,
  options: AssessOptions = {},
): Assessment {
  const { definition, validator, model, texts } = served;
  const found = validator.validate(data);
  const errors = (options.part === 'first-party' ? firstPartyErrors(definition, found) : found).map(
    (error) => ({
      pointer: error.pointer,
      detail: fieldErrorMessage(error, model, texts, data),
    }),
  );
  if (errors.length > 0)
    return { errors, fees: computeFees(definition, {}, () => false), documents: [], checklist: [] };
  const applying = model.prune(data);
  const { outcome } = chooseOutcome(definition, options.outcome);
  return {
    errors,
    fees: computeFees(definition, applying, validator.test),
    documents: applicableDocuments(definition, applying, validator.test).map((d) => ({
      id: d.requirement.id,
      required: d.required,
      maxFiles: d.requirement.maxFiles ?? 1,
    })),
    checklist: checklist(definition, outcome, applying, validator.test).map((entry) => ({
      id: entry.id,
      title: texts.get(`${entry.pointer}/title`, entry.title),
    })),
  };
}
