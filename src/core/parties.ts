/**
 * Parties (format 2): who fills in which steps. The first party starts the application; a later
 * party (e.g. the employer) completes their steps on their own device through a hand-off link.
 * A party's answers are those under the data pointers its steps show (`partyPointers`); whatever
 * lies under no later party's pointer is the first party's.
 *
 * The first party's part is validated without the later parties' subtrees
 * (`firstPartyData` + `firstPartyErrors`), a later party sees only what the first party's answers
 * the definition lets it see (`sharedView`), and its answers are merged in without touching the
 * first party's (`mergeParty`); the joined application is then validated whole.
 */
import { getAt, hasOwn, isObject, isWithin, parsePointer, setAt } from './pointer.js';
import type { Definition, FieldError, Party } from './types.js';

/** The one party of a definition that names none. */
export const DEFAULT_PARTY: Readonly<Party> = Object.freeze({
  id: 'applicant',
  title: 'Antragsteller/in',
});

/** Days a hand-off link stays valid when the definition does not say. */
export const DEFAULT_HANDOFF_DAYS = 14;

/** The parties of a definition, in order; one (`applicant`) when it names none. */
export function partiesOf(definition: Definition): Party[] {
  return definition.parties && definition.parties.length > 0 ? definition.parties : [DEFAULT_PARTY];
}

/** The party that starts the application. */
export function firstParty(definition: Definition): Party {
  return partiesOf(definition)[0]!;
}

/** Whether a second party completes the application through a hand-off. */
export function hasHandOff(definition: Definition): boolean {
  return partiesOf(definition).length > 1;
}

/** The party with this id, if the definition has one. */
export function partyNamed(definition: Definition, partyId: string): Party | undefined {
  return partiesOf(definition).find((p) => p.id === partyId);
}

/** The party who fills in step `stepIndex` (a step without `party` is the first party's). */
export function partyOf(definition: Definition, stepIndex: number): Party {
  const id = definition.steps[stepIndex]?.party;
  return (id === undefined ? undefined : partyNamed(definition, id)) ?? firstParty(definition);
}

/** The indexes of the steps a party fills in, in order. */
export function partySteps(definition: Definition, partyId: string): number[] {
  return definition.steps.flatMap((_, i) => (partyOf(definition, i).id === partyId ? [i] : []));
}

/** The data pointers a party's steps show (e.g. `["/employer", "/employment"]`). */
export function partyPointers(definition: Definition, partyId: string): string[] {
  return partySteps(definition, partyId).flatMap((i) => definition.steps[i]!.fields);
}

/** The data pointers of every party after the first. */
export function laterPartyPointers(definition: Definition): string[] {
  return partiesOf(definition)
    .slice(1)
    .flatMap((party) => partyPointers(definition, party.id));
}

/** Days a party's hand-off link stays valid. */
export function handOffDays(party: Party): number {
  return party.handOff?.validDays ?? DEFAULT_HANDOFF_DAYS;
}

/** `data` without the values at `pointers` (a copy; `data` is not changed). */
function without(data: unknown, pointers: string[]): Record<string, unknown> {
  let out: unknown = isObject(data) ? data : {};
  for (const pointer of pointers)
    if (getAt(out, pointer) !== undefined) out = setAt(out, pointer, undefined);
  return out as Record<string, unknown>;
}

/**
 * The first party's part of `data`: everything but the later parties' subtrees. What the first
 * party submits is reduced to this, so it can neither fill in nor change another party's part.
 */
export function firstPartyData(definition: Definition, data: unknown): Record<string, unknown> {
  return without(data, laterPartyPointers(definition));
}

/**
 * The errors that concern the first party: those at or under a later party's pointers are left
 * out — including a `required` error for a later party's field (its pointer, as normalised in
 * errors.ts, is the missing field's own) — and those at an object that holds only later parties'
 * fields (e.g. `/employer` when the employer's steps show `/employer/company` and
 * `/employer/pay`: the first party sends no `/employer`, so it is missing). Validate
 * `firstPartyData(...)` and pass the errors through this to check the first party's part without
 * the rest.
 */
export function firstPartyErrors(definition: Definition, errors: FieldError[]): FieldError[] {
  const later = laterPartyPointers(definition);
  const first = partyPointers(definition, firstParty(definition).id);
  const theirs = (pointer: string) =>
    later.some((p) => isWithin(pointer, p)) ||
    (later.some((p) => isWithin(p, pointer)) && !first.some((p) => isWithin(p, pointer)));
  return errors.filter((error) => !theirs(error.pointer));
}

/**
 * What a party is shown of the first party's answers: only the values at its hand-off's `shows`
 * pointers, in the data's shape (nothing else of `data`). The first party is shown nothing here
 * (its own answers are its own).
 */
export function sharedView(
  definition: Definition,
  partyId: string,
  data: unknown,
): Record<string, unknown> {
  const party = partyNamed(definition, partyId);
  let view: unknown = {};
  if (!party || party.id === firstParty(definition).id) return {};
  for (const pointer of party.handOff?.shows ?? []) {
    const value = getAt(data, pointer);
    if (value !== undefined) view = setAt(view, pointer, structuredClone(value));
  }
  return view as Record<string, unknown>;
}

/** Whether every object on the way to `pointer` in `data` is an object or missing. */
function pathIsOpen(data: unknown, pointer: string): boolean {
  const tokens = parsePointer(pointer);
  let current: unknown = data;
  for (const token of tokens.slice(0, -1)) {
    if (!isObject(current)) return current === undefined;
    if (!hasOwn(current, token)) return true;
    current = current[token];
  }
  return current === undefined || isObject(current);
}

/**
 * The joined application: the first party's data with a later party's answers at that party's
 * pointers — only there: whatever else `partyData` holds is ignored, and nothing of the first
 * party's is overwritten (a pointer whose way leads through one of the first party's answers that
 * is no object is left out). What the first party's data held at those pointers is replaced.
 */
export function mergeParty(
  definition: Definition,
  partyId: string,
  firstData: unknown,
  partyData: unknown,
): Record<string, unknown> {
  const party = partyNamed(definition, partyId);
  if (!party || party.id === firstParty(definition).id)
    throw new Error(`"${partyId}" is no later party of ${definition.id}`);
  const pointers = partyPointers(definition, party.id);
  let merged: unknown = without(firstData, pointers);
  for (const pointer of pointers) {
    const value = getAt(partyData, pointer);
    if (value === undefined || !pathIsOpen(merged, pointer)) continue;
    merged = setAt(merged, pointer, structuredClone(value));
  }
  return merged as Record<string, unknown>;
}
