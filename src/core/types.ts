/** Types of the definition format (docs/definition-format.md). */

export type SchemaObject = { [keyword: string]: unknown };
export type Schema = SchemaObject | boolean;

export interface Step {
  id: string;
  title: string;
  description?: string;
  /** JSON pointers into the data, e.g. `/person`. */
  fields: string[];
  /** Format 2: the party who fills in this step (an id of `parties`); default the first party. */
  party?: string;
}

export interface LegalBasis {
  title: string;
  url?: string;
}

/** The flow ends in an application sent to the endpoint (and, where asked, a payment). */
export interface SubmissionOutcome {
  type: 'submission';
  /**
   * Sent only by a citizen a portal identified at this trust level or above (e.g. `high`: the
   * eID as the written-form substitute of § 3a Abs. 2 VwVfG). Without it the flow falls back to
   * the definition's appointment, and `explanation` says why.
   */
  identity?: { trustLevel: 'low' | 'substantial' | 'high'; explanation: string };
}

/** One thing to bring to the appointment (format 2). */
export interface ChecklistItem {
  id: string;
  title: string;
  description?: string;
  /** A JSON Schema over the application data: the item is listed only when it holds. */
  when?: SchemaObject;
}

/**
 * The flow ends in a personalised checklist, a reference the citizen quotes at the counter, and
 * how to book the appointment (format 2). Never says "submitted" or "granted".
 */
export interface AppointmentOutcome {
  type: 'appointment';
  /** Said above the checklist, e.g. that the declaration is signed in person. */
  description?: string;
  checklist: ChecklistItem[];
  /**
   * How to book: a link template the municipality sets, e.g.
   * `https://termine.example.de/buchen?service=vpe&ref={reference}` (`{reference}` and
   * `{service}` are filled in, URL-encoded). `https:` only.
   */
  booking?: { url: string; title?: string };
}

export type Outcome = SubmissionOutcome | AppointmentOutcome;
export type OutcomeType = Outcome['type'];

/**
 * Who fills in the application (format 2). The first party starts it; a later party (e.g. the
 * employer) completes their steps through a hand-off link.
 */
export interface Party {
  id: string;
  title: string;
  /** Only for parties after the first: how their part is handed to them. */
  handOff?: {
    /** Days the hand-off link stays valid (1–60, default 14). */
    validDays?: number;
    /** Pointers of the first party's answers this party may read (nothing else is shown). */
    shows?: string[];
    /**
     * Pointers of the first party's answers printed with this party's part for the authority
     * (e.g. the employee's section of the employer's declaration); default `shows`.
     */
    printWith?: string[];
  };
}

/** Verified attributes a host portal maps into the data (format 2). */
export interface IdentityMapping {
  /** Attribute name (as the portal hands it in, e.g. `familyName`) → data pointer. */
  attributes: Record<string, string>;
}

export interface Definition {
  $schema?: string;
  id: string;
  version: string;
  title: string;
  description?: string;
  language: 'de';
  legalState: string;
  legalBasis?: LegalBasis[];
  identifiers?: { leika?: string; ozg?: string };
  referencePrefix?: string;
  schema: SchemaObject;
  steps: Step[];
  /** Format version; absent means 1 (migrated on load, see `migrateDefinition`). */
  format?: 1 | 2;
  /**
   * What the flow ends in: one outcome, or (format 2) several the embedding page chooses from
   * (`outcome` attribute); the first is the default.
   */
  outcome?: Outcome | Outcome[];
  /** Format 2: the parties; absent means one (the applicant). */
  parties?: Party[];
  /** Format 2: which verified identity attributes prefill which fields. */
  identity?: IdentityMapping;
  /** Evidence documents asked for (`<document-upload>`). */
  documents?: DocumentRequirement[];
  /** The fees (`<payment-step>`). */
  fees?: Fees;
  /** The eligibility self-check (`<quick-check>`). */
  quickCheck?: QuickCheck;
}

/** One evidence document the service asks for, e.g. the passport or the marriage certificate. */
export interface DocumentRequirement {
  id: string;
  title: string;
  description?: string;
  /** MIME types accepted (checked by the file's bytes); default PDF, JPEG and PNG. */
  accept?: string[];
  /** Largest file in bytes; default 10 MB. */
  maxSize?: number;
  /** How many files (e.g. the pages of a certificate); default 1. */
  maxFiles?: number;
  /** Default true. */
  required?: boolean;
  /** A JSON Schema over the application data: the document is asked for only when it holds. */
  when?: SchemaObject;
  /** Format 2: `upload` (default) in the form, or `bring` to the appointment (on the checklist). */
  delivery?: 'upload' | 'bring';
}

/**
 * How a service takes its fee (as German ePayment platforms have it): `none`; `optional` (online or
 * later); `mandatory` (before the application is sent); `billed-afterwards` (the step only informs).
 */
export type FeePolicy = 'none' | 'optional' | 'mandatory' | 'billed-afterwards';

export interface FeeItem {
  id: string;
  title: string;
  /** Cents per unit. */
  amount: number;
  legalBasis?: string;
  /** A JSON Schema over the application data: the item applies only when it holds. */
  when?: SchemaObject;
  /** A data pointer to a list: the item is charged once per entry … */
  per?: string;
  /** … that matches this JSON Schema (applied to the entry). */
  where?: SchemaObject;
}

export interface Fees {
  policy: FeePolicy;
  /** ISO 4217; default `EUR`. */
  currency?: string;
  description?: string;
  items: FeeItem[];
}

/** What a criterion of the quick-check comes to. */
export type CriterionOutcome = 'met' | 'not-met' | 'check-with-authority';

/** One rule of a criterion: the first whose `when` holds for the answers decides. */
export interface CriterionRule {
  /** A JSON Schema over the answers (and the computed values); absent: always. */
  when?: SchemaObject;
  outcome: CriterionOutcome;
  explanation: string;
}

/** One legal requirement, e.g. five years of residence (§ 10 Abs. 1 Satz 1 StAG). */
export interface Criterion {
  id: string;
  title: string;
  legalBasis: string;
  /** First day the criterion applies (`YYYY-MM-DD`). */
  validFrom?: string;
  /** First day it no longer applies. */
  validUntil?: string;
  rules: CriterionRule[];
  /** The name of a computed value whose workings the result shows with this criterion. */
  explain?: string;
  /** What the authority will ask for as proof (shown with the result). */
  proof?: string;
  /** The ids of the application's documents (`/documents`) that prove it. */
  documents?: string[];
}

/** An answer carried over into the application (`to`: a pointer into its data). */
export interface PrefillRule {
  from: string;
  to: string;
  /** Maps an answer (as text) to the application's value; an answer not listed is not carried over. */
  values?: Record<string, unknown>;
}

/** Full years since the date an answer gives (§§ 187, 188 BGB). */
export interface YearsSince {
  yearsSince: string;
}

/**
 * The Pfändungsfreigrenzen (§ 850c ZPO) of one period, as the Pfändungsfreigrenzenbekanntmachung
 * publishes them. Amounts in cents per month.
 */
export interface GarnishmentPeriod {
  /** First day the values apply (`YYYY-MM-DD`; they change every 1 July). */
  validFrom: string;
  /** First day they no longer apply. */
  validUntil?: string;
  /** The exempt amount without dependants (§ 850c Abs. 1 ZPO). */
  base: number;
  /** The increase for the first dependant (§ 850c Abs. 2 Satz 1 ZPO). */
  firstDependant: number;
  /** The increase for each of the second to fifth dependant. */
  furtherDependant: number;
  /** Income above this is seizable in full (§ 850c Abs. 3 Satz 3 ZPO). */
  ceiling: number;
  /** Where the values are published (a text, shown with the estimate). */
  source: string;
}

/**
 * A municipality's own solvency table, replacing the computation: the minimum net income is
 * `household[dependants] + adults × adult + minors × minor` (cents per month).
 */
export interface SolvencyTable {
  /** Whose table and as of when (a text, shown with the estimate). */
  source: string;
  /** The household's own minimum for 0, 1, … 5 dependants. */
  household: number[];
  adult: number;
  minor: number;
}

/**
 * Whether a host's income suffices for a formal obligation (§§ 66–68 AufenthG): the seizable part
 * of the net income (§ 850c ZPO) must cover the guests' need.
 */
export interface SolvencyComputation {
  /** Pointers of the answers: net income per month in euros, dependants, adult and minor guests. */
  income: string;
  dependants: string;
  adults: string;
  minors: string;
  /** Need per guest and month in cents, and where the figures come from (a text). */
  need: { adult: number; minor: number; source: string };
  /** Percent of the income above the exempt amount that is seizable, for 0 … 5 dependants. */
  shares: number[];
  /** The Pfändungsfreigrenzen by period. */
  periods: GarnishmentPeriod[];
  /** A municipality's own table, used instead of the computation. */
  table?: SolvencyTable;
  /** Incomes that do not count (a text). */
  notCounted?: string;
  /** What an authority may accept instead (a text). */
  alternatives?: string;
}

/** Full months since the date an answer gives (e.g. three months of permitted stay). */
export interface MonthsSince {
  monthsSince: string;
}

export type Computed = YearsSince | MonthsSince | { solvency: SolvencyComputation };

export interface QuickCheck {
  title: string;
  description?: string;
  /** Shown with the result, e.g. that it is not binding. */
  notice?: string;
  /** `single`: one question at a time (default); `page`: all questions on one page. */
  layout?: 'single' | 'page';
  /** The questions: a JSON Schema of the answers, conditions included. */
  schema: SchemaObject;
  /**
   * Values worked out from the answers for the day of the check: full years since a date, or a
   * solvency estimate. Criteria's `when` read them by name like answers.
   */
  computed?: Record<string, Computed>;
  criteria: Criterion[];
  prefill?: PrefillRule[];
}

/** One problem with a definition, for the web editor who wrote it. */
export interface DefinitionProblem {
  /** JSON pointer into the definition. */
  pointer: string;
  message: string;
}

/** A validation error, normalised once: what a translator needs to say it in plain language. */
export interface FieldError {
  /** JSON pointer of the field in the data. */
  pointer: string;
  keyword: string;
  params: Record<string, unknown>;
  /** JSON pointer into the definition of the schema node whose keyword failed. */
  schemaPointer: string;
}

/** Checks one `if` condition (by its pointer in the schema, e.g. `/properties/family/allOf/0/if`). */
export type ConditionTest = (schemaPointer: string, data: unknown) => boolean;

/**
 * A validator for one definition, injected into the core (precompiled at build time, or compiled
 * on demand where the page allows it).
 */
export interface Validator {
  validate(data: unknown): FieldError[];
  test: ConditionTest;
}
