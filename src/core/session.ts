/**
 * The form session: the citizen's answers, which questions apply, the errors by field (the
 * validator's and the server's), which errors are shown, incremental validation of one question,
 * the order of an error summary, list editing and pruning. No DOM: `<applicant-form>` and
 * `<quick-check>` render it, the tests drive it in Node.
 */
import { getAt, isObject, isWithin, joinPointer, projectFor, setAt } from './pointer.js';
import type { Field, SchemaModel } from './schema.js';
import type { FieldError, Validator } from './types.js';

/** Error summary entries of the documents page name a document, not a field: `document:<id>`. */
export const DOCUMENT = 'document:';

/** What a change asks the view to re-render. */
export type Refresh = 'all' | 'field' | 'none';

type Data = Record<string, unknown>;

export class FormSession {
  #data: Data = {};
  /** The data as validated: only what applies, required groups present (kept in step while typing). */
  #candidate: unknown = {};
  /** The answers that apply, when validation found them without adding a required group. */
  #applicable: Data | undefined;
  #errors = new Map<string, FieldError>();
  /** What the server said of a field (`''`: it named the field without words). */
  #server = new Map<string, string>();
  #visible = new Set<string>();
  /** Names whose answers decide which questions apply. */
  readonly #triggers: Set<string>;
  /** Names whose answers other questions' errors depend on (a keystroke there validates everything). */
  readonly #crossField: Set<string>;

  /** `data`: the answers to start from (validated on the first `revalidate()`, not here). */
  constructor(
    readonly model: SchemaModel,
    readonly validator: Validator,
    data?: unknown,
  ) {
    this.#triggers = model.triggerNames();
    this.#crossField = model.crossFieldNames();
    if (isObject(data)) this.#data = structuredClone(data);
  }

  /** Every answer so far, also those of questions that no longer apply (read only). */
  get data(): Readonly<Data> {
    return this.#data;
  }

  /** Replaces every answer (a restored draft, a host's `data`), and validates. */
  replace(data: unknown): void {
    this.#data = isObject(data) ? structuredClone(data) : {};
    this.revalidate();
  }

  /**
   * The answers that apply, as they are sent (read only: right after validating, the very
   * object that was validated).
   */
  applicable(): Readonly<Data> {
    return this.#applicable ?? this.model.prune(this.#data);
  }

  /**
   * Sets one answer. `commit` (a change, not a keystroke) shows the field's error from now on.
   * Returns what the view must re-render: everything when questions may appear or vanish, the
   * field when its error may have changed, nothing else.
   */
  set(field: Field, value: unknown, commit: boolean): Refresh {
    this.#data = setAt(this.#data, field.pointer, value) as Data;
    this.#applicable = undefined;
    const hadServerError = this.#server.delete(field.pointer);
    const showsError = this.#visible.has(field.pointer) && this.#errors.has(field.pointer);
    if (commit) this.#visible.add(field.pointer);
    if (this.#triggers.has(field.name)) {
      this.revalidate();
      return 'all';
    }
    this.#candidate = setAt(this.#candidate, field.pointer, value);
    if (!commit && !showsError && !hadServerError) return 'none';
    // A keystroke is validated on its own; a committed answer validates everything.
    if (
      commit ||
      this.#crossField.has(field.name) ||
      field.type === 'object' ||
      field.type === 'array'
    )
      this.#validateCandidate();
    else this.#validateAt(field.pointer);
    return 'field';
  }

  /** Works out what applies and validates all of it. */
  revalidate(): void {
    const filled = this.model.withRequiredObjects(this.#data);
    this.#candidate = this.model.prune(filled);
    // Nothing added: what was validated is what applies.
    this.#applicable = filled === this.#data ? (this.#candidate as Data) : undefined;
    this.#validateCandidate();
  }

  /** Fills in answers the citizen has not given yet, never overwriting one; returns how many. */
  fillIn(prefill: Data): number {
    let filled = 0;
    const visit = (value: unknown, pointer: string) => {
      if (isObject(value)) {
        for (const [key, sub] of Object.entries(value)) visit(sub, joinPointer(pointer, key));
      } else if (value !== undefined && getAt(this.#data, pointer) === undefined) {
        this.#data = setAt(this.#data, pointer, value) as Data;
        filled++;
      }
    };
    visit(prefill, '');
    if (filled > 0) this.revalidate();
    return filled;
  }

  /** Adds an empty entry to the list at `pointer`; returns its index. */
  addItem(pointer: string): number {
    const list = getAt(this.#data, pointer);
    const items = Array.isArray(list) ? list : [];
    this.#data = setAt(this.#data, pointer, [...items, {}]) as Data;
    this.revalidate();
    return items.length;
  }

  /** Removes an entry (with what was shown or said of it); returns how many remain. */
  removeItem(pointer: string, index: number): number {
    const list = getAt(this.#data, pointer);
    if (!Array.isArray(list) || index >= list.length) return Array.isArray(list) ? list.length : 0;
    const item = joinPointer(pointer, index);
    this.#data = setAt(this.#data, item, undefined) as Data;
    for (const set of [this.#visible, this.#server])
      for (const p of [...set.keys()]) if (isWithin(p, item)) set.delete(p);
    this.revalidate();
    return list.length - 1;
  }

  /** The validator's error at `pointer`, when it is shown (or `evenIfHidden`). */
  error(pointer: string, evenIfHidden = false): FieldError | undefined {
    return evenIfHidden || this.#visible.has(pointer) ? this.#errors.get(pointer) : undefined;
  }

  /** What the server said of the field at `pointer` (`''`: named without words). */
  serverError(pointer: string): string | undefined {
    return this.#server.get(pointer);
  }

  /** Shows the errors of these fields from now on. */
  reveal(pointers: Iterable<string>): void {
    for (const pointer of pointers) this.#visible.add(pointer);
  }

  /** The server's verdict on fields; shown until the citizen changes them. */
  setServerErrors(errors: Map<string, string>): void {
    this.#server = new Map(errors);
    this.reveal(errors.keys());
  }

  /** Every pointer with an error now (the validator's as last run, and the server's). */
  errorPointers(): string[] {
    return [...new Set([...this.#errors.keys(), ...this.#server.keys()])];
  }

  /** The validator's errors as last run, in no particular order. */
  errors(): FieldError[] {
    return [...this.#errors.values()];
  }

  /** The data pointers of a step's questions, in the order they are shown. */
  pointersOf(stepIndex: number): string[] {
    const out: string[] = [];
    const visit = (field: Field) => {
      out.push(field.pointer);
      for (const child of this.model.children(field, this.#data)) {
        if (child.index !== undefined) out.push(child.pointer);
        child.fields.forEach(visit);
      }
    };
    this.model.stepFields(stepIndex, this.#data).forEach(visit);
    return out;
  }

  /** The step a field is on (the first, for a pointer no step names). */
  stepOf(pointer: string): number {
    const index = this.model.definition.steps.findIndex((s) =>
      s.fields.some((f) => isWithin(pointer, f)),
    );
    return index < 0 ? 0 : index;
  }

  /**
   * The errors of a step (as last validated), in the order of its questions; all of them are
   * shown from now on. Validate once before asking for one or more steps.
   */
  stepErrors(stepIndex: number): string[] {
    const order = this.pointersOf(stepIndex);
    this.reveal(order);
    const pointers = this.errorPointers().filter((p) => this.stepOf(p) === stepIndex);
    this.reveal(pointers);
    return inOrder(pointers, order);
  }

  /** Validates everything; the first of `steps` with an error and its errors, if any. */
  firstInvalid(steps: Iterable<number>): { step: number; pointers: string[] } | undefined {
    this.revalidate();
    // Nothing wrong anywhere: no step to walk (what would be shown from now on is sent now).
    if (this.#errors.size === 0 && this.#server.size === 0) return undefined;
    for (const step of steps) {
      const pointers = this.stepErrors(step);
      if (pointers.length > 0) return { step, pointers };
    }
    return undefined;
  }

  /** The errors within the given fields (a quick-check's questions), in their order. */
  errorsIn(fields: Field[]): string[] {
    const pointers: string[] = [];
    for (const field of fields)
      for (const pointer of this.errorPointers())
        if (isWithin(pointer, field.pointer) && !pointers.includes(pointer)) pointers.push(pointer);
    return pointers;
  }

  /** Forgets every answer and what was shown. */
  reset(): void {
    this.#visible.clear();
    this.#server.clear();
    this.replace({});
  }

  #validateCandidate(): void {
    this.#errors = new Map(this.validator.validate(this.#candidate).map((e) => [e.pointer, e]));
  }

  /** Validates what decides the errors at `pointer` (a question that was typed into) alone. */
  #validateAt(pointer: string): void {
    this.#errors.delete(pointer);
    for (const error of this.validator.validate(
      projectFor(this.#candidate, pointer, this.#crossField),
    ))
      if (error.pointer === pointer) this.#errors.set(pointer, error);
  }
}

/** Sorts pointers by `order` (shown questions); one not shown sorts after its closest shown ancestor. */
export function inOrder(pointers: string[], order: string[]): string[] {
  const position = new Map(order.map((pointer, i) => [pointer, i]));
  const rank = (pointer: string): number => {
    for (let p = pointer; p !== ''; p = p.slice(0, p.lastIndexOf('/'))) {
      const index = position.get(p);
      if (index !== undefined) return p === pointer ? index : index + 0.5;
    }
    return position.size;
  };
  return [...pointers].sort((a, b) => rank(a) - rank(b));
}
