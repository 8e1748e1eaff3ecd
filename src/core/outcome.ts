/**
 * Outcomes (format 2): what the flow ends in. A `submission` sends the application; an
 * `appointment` ends in a personalised checklist of what to bring, the reference to quote and how
 * to book — never a "submitted". A definition may offer several, and the embedding page chooses
 * one (the `outcome` attribute); the first is the default.
 */
import { applicableDocuments } from './documents.js';
import { trustAtLeast } from './identity.js';
import type { TrustLevel } from './payload.js';
import { joinPointer } from './pointer.js';
import type {
  AppointmentOutcome,
  ConditionTest,
  Definition,
  DefinitionProblem,
  DocumentRequirement,
  Outcome,
  OutcomeType,
} from './types.js';

const SUBMISSION: Readonly<Outcome> = Object.freeze({ type: 'submission' });

/** The outcomes a definition offers, the default first (a submission when it names none). */
export function outcomesOf(definition: Definition): Outcome[] {
  const { outcome } = definition;
  if (outcome === undefined) return [SUBMISSION];
  return Array.isArray(outcome) ? outcome : [outcome];
}

/** The pointer of an outcome in the definition (`/outcome`, or `/outcome/1` in a list). */
export function outcomePointer(definition: Definition, type: OutcomeType): string | undefined {
  const { outcome } = definition;
  if (!Array.isArray(outcome))
    return outcomesOf(definition)[0]!.type === type ? '/outcome' : undefined;
  const index = outcome.findIndex((o) => o.type === type);
  return index < 0 ? undefined : joinPointer('/outcome', index);
}

export interface OutcomeChoice {
  outcome: Outcome;
  /** Where it is in the definition (its texts: `…/description`, `…/checklist/0/title`). */
  pointer: string;
  /** Set when `requested` is no outcome the definition offers: the default was taken instead. */
  problem?: DefinitionProblem;
}

/**
 * The outcome an embedding page asks for (`requested`, e.g. the `outcome` attribute), or the
 * definition's first when it asks for none. An outcome the definition does not offer is not
 * silently replaced: the choice carries a problem naming what it offers (the element shows it
 * to the web editor, the server answers 422).
 */
export function chooseOutcome(definition: Definition, requested?: string): OutcomeChoice {
  const offered = outcomesOf(definition);
  const fallback = offered[0]!;
  const pointerOf = (o: Outcome) => outcomePointer(definition, o.type) ?? '/outcome';
  if (requested === undefined || requested === '')
    return { outcome: fallback, pointer: pointerOf(fallback) };
  const found = offered.find((o) => o.type === requested);
  if (found) return { outcome: found, pointer: pointerOf(found) };
  return {
    outcome: fallback,
    pointer: pointerOf(fallback),
    problem: {
      pointer: '/outcome',
      message: `offers no outcome "${requested}" (it offers: ${offered.map((o) => o.type).join(', ')})`,
    },
  };
}

/**
 * Whether `trustLevel` (of the identity a portal handed in; none: undefined) is enough for
 * `outcome`: a submission may require one (`identity.trustLevel`), an appointment never does.
 */
export function identityEnough(outcome: Outcome, trustLevel: TrustLevel | undefined): boolean {
  const required = outcome.type === 'submission' ? outcome.identity?.trustLevel : undefined;
  return required === undefined || trustAtLeast(trustLevel, required);
}

/**
 * The outcome the flow takes for `chosen` and the citizen's identity: `chosen`, unless it needs
 * an identity the citizen lacks — then the definition's appointment, if it offers one
 * (`fellBack`); else `chosen` still, which the server will refuse (`enough: false`).
 */
export function outcomeFor(
  definition: Definition,
  chosen: Outcome,
  trustLevel: TrustLevel | undefined,
): { outcome: Outcome; fellBack: boolean; enough: boolean } {
  if (identityEnough(chosen, trustLevel)) return { outcome: chosen, fellBack: false, enough: true };
  const appointment = outcomesOf(definition).find((o) => o.type === 'appointment');
  return appointment
    ? { outcome: appointment, fellBack: true, enough: true }
    : { outcome: chosen, fellBack: false, enough: false };
}

/** One line of an appointment's checklist: an item of the outcome, or a document to bring. */
export interface ChecklistEntry {
  id: string;
  /** The German text; translated by `pointer` (`…/title`, `…/description`). */
  title: string;
  description?: string;
  /** The item's or document's pointer in the definition. */
  pointer: string;
  kind: 'item' | 'document';
  /** For a document to bring: its requirement. */
  document?: DocumentRequirement;
}

/**
 * What to bring to the appointment, for these answers (`data` as submitted, i.e. the answers that
 * apply): the outcome's checklist items whose `when` holds, in order, followed by the documents
 * with `delivery: "bring"` that apply. Empty for an outcome that is no appointment.
 */
export function checklist(
  definition: Definition,
  outcome: Outcome,
  data: unknown,
  test: ConditionTest,
): ChecklistEntry[] {
  if (outcome.type !== 'appointment') return [];
  const base = outcomePointer(definition, 'appointment');
  if (base === undefined) throw new Error(`${definition.id} offers no appointment`);
  const entries: ChecklistEntry[] = [];
  (outcome as AppointmentOutcome).checklist.forEach((item, i) => {
    const pointer = joinPointer(base, 'checklist', i);
    if (item.when && !test(`${pointer}/when`, data)) return;
    entries.push({
      id: item.id,
      title: item.title,
      ...(item.description !== undefined ? { description: item.description } : {}),
      pointer,
      kind: 'item',
    });
  });
  for (const { requirement, pointer } of applicableDocuments(definition, data, test, 'bring')) {
    entries.push({
      id: requirement.id,
      title: requirement.title,
      ...(requirement.description !== undefined ? { description: requirement.description } : {}),
      pointer,
      kind: 'document',
      document: requirement,
    });
  }
  return entries;
}

const PLACEHOLDER = /\{([^{}]*)\}/g;
const PLACEHOLDERS = new Set(['reference', 'service']);

/**
 * What is wrong with a booking link template, if anything: it must be an `https:` URL, and its
 * only placeholders `{reference}` and `{service}`.
 */
export function bookingTemplateProblem(template: string): string | undefined {
  const unknown = [...template.matchAll(PLACEHOLDER)]
    .map((m) => m[1]!)
    .filter((name) => !PLACEHOLDERS.has(name));
  if (unknown.length > 0)
    return `may only use the placeholders {reference} and {service}, not {${unknown.join('}, {')}}`;
  const rest = template.replace(PLACEHOLDER, '');
  if (rest.includes('{') || rest.includes('}'))
    return 'has a "{" or "}" that opens or closes no placeholder';
  let url: URL;
  try {
    url = new URL(template.replace(PLACEHOLDER, 'x'));
  } catch {
    return 'is not a valid URL';
  }
  if (url.protocol !== 'https:') return 'must be an https: URL';
  if (url.username || url.password) return 'must not carry a user name or password';
  return undefined;
}

/**
 * The booking link of an appointment outcome, with `{reference}` and `{service}` filled in
 * (URL-encoded). `undefined` when the outcome has no booking link — and when its template is not
 * a valid `https:` URL with only those placeholders: such a link is refused, never offered
 * (`checkDefinition` refuses the definition already).
 */
export function bookingUrl(
  outcome: Outcome,
  values: { reference: string; service: string },
): string | undefined {
  if (outcome.type !== 'appointment' || !outcome.booking) return undefined;
  const template = outcome.booking.url;
  if (bookingTemplateProblem(template) !== undefined) return undefined;
  const filled = template.replace(PLACEHOLDER, (_, name: string) =>
    encodeURIComponent(values[name as 'reference' | 'service']),
  );
  try {
    return new URL(filled).protocol === 'https:' ? filled : undefined;
  } catch {
    return undefined;
  }
}
