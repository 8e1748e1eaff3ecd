/**
 * The built-in definitions, checked and compiled once at start (the server may compile at run
 * time), with their texts in every language there are translations or validation messages for.
 */
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
import { fieldErrorMessage, messages, primaryLanguage } from '../src/core/messages/index.js';

// Every language's validation messages, once, before any request is assessed.
await Promise.all(messages.languages.map((lang) => messages.load(lang)));

export interface ServedDefinition {
  definition: Definition;
  validator: Validator;
  model: SchemaModel;
  /** Its texts as it carries them (German). */
  texts: Texts;
  /** Its texts by language (primary subtag), translated where there are translations. */
  localized: ReadonlyMap<string, Texts>;
}

/** A definition's texts in `locale`'s language (BCP 47), German when it has none in it. */
export function textsIn(served: ServedDefinition, locale: string | undefined): Texts {
  return served.localized.get(primaryLanguage(locale)) ?? served.texts;
}

/**
 * The texts of a definition in every language of the validation messages and of its translations
 * (`locales/definitions/<id>.<lang>.json`, by JSON pointer, as the browser has them).
 */
function localizedTexts(root: string, definition: Definition): Map<string, Texts> {
  const dir = join(root, 'locales/definitions');
  const translated = new Map<string, Record<string, string>>();
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const lang = /^([a-z]{2,3})\.json$/.exec(name.slice(definition.id.length + 1))?.[1];
    if (lang && name.startsWith(`${definition.id}.`))
      translated.set(lang, JSON.parse(readFileSync(join(dir, name), 'utf8')));
  }
  const out = new Map<string, Texts>();
  for (const lang of new Set([...messages.languages, ...translated.keys()]))
    out.set(lang, new Texts(definition, translated.get(lang) ?? {}, lang));
  return out;
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
        localized: localizedTexts(root, definition),
      });
    }
  return out;
}

/** What a request's answers come to under a definition: everything that needs its validator. */
export interface Assessment {
  /** Every problem, worded for the citizen in the language asked for (pointers into the data). */
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
  /** The language problems are worded in (the submission's `locale`); German by default. */
  locale?: string;
}

/**
 * Validates `data`, and works out its fees, documents and checklist (on the answers that apply).
 * Problems and checklist titles are in `options.locale`'s language, German when there is none.
 */
export function assess(
  served: ServedDefinition,
  data: unknown,
  options: AssessOptions = {},
): Assessment {
  const { definition, validator, model } = served;
  const texts = textsIn(served, options.locale);
  const found = validator.validate(data);
  const errors = (options.part === 'first-party' ? firstPartyErrors(definition, found) : found).map(
    (error) => ({
      pointer: error.pointer,
      detail: fieldErrorMessage(error, model, texts, data).text,
    }),
  );
  if (errors.length > 0)
    return { errors, fees: computeFees(definition, {}, () => false), documents: [], checklist: [] };
  const applying = model.prune(data);
  const { outcome } = chooseOutcome(definition, options.outcome);
  return {
    errors,
    fees: computeFees(definition, applying, validator.test),
    documents: applicableDocuments(
      definition,
      applying,
      validator.test,
      'upload',
      outcome.type,
    ).map((d) => ({
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
