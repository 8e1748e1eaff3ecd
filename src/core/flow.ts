/**
 * The flow of an application: an explicit list of stages with typed ids — the steps a party fills
 * in (`step:N`, N the step's index in the definition), the documents page, the review, the payment,
 * and the outcome (confirmation, checklist or hand-off). Which stages there are depends on the
 * answers (documents asked for), the page (an upload or payment endpoint) and the party, so the
 * list is worked out anew from a layout each time. No DOM: the element renders `current` and
 * turns its buttons into `next()`, `back()` and `goTo()`.
 */

export type StepStage = `step:${number}`;
export type StageId = StepStage | 'documents' | 'review' | 'payment' | 'outcome';

/** What the flow holds for the current answers and page. */
export interface FlowLayout {
  /** Indexes (into the definition's steps) of the steps this party fills in, in order. */
  steps: number[];
  /** A documents page before the review. */
  documents: boolean;
  /** A payment stage after the review. */
  payment: boolean;
}

export interface StageChange {
  from: StageId;
  to: StageId;
}

export function stepStage(index: number): StepStage {
  return `step:${index}`;
}

/** The step index of a step stage; `undefined` for any other stage. */
export function stepIndexOf(stage: string | undefined): number | undefined {
  const match = /^step:(\d{1,4})$/.exec(stage ?? '');
  return match ? Number(match[1]) : undefined;
}

export class Flow {
  #current: StageId;
  /** Came from the review to change an answer: "Next" goes back to the review. */
  #returning = false;

  constructor(
    private readonly layout: () => FlowLayout,
    private readonly onChange: (change: StageChange) => void = () => undefined,
  ) {
    this.#current = this.stages()[0]!;
  }

  get current(): StageId {
    return this.#current;
  }

  /** The step index of the current stage, when it is a step. */
  get step(): number | undefined {
    return stepIndexOf(this.#current);
  }

  /** At a step the citizen opened from the review (its "Next" leads back there). */
  get returning(): boolean {
    return this.#returning;
  }

  /** The stages as things stand, in order. */
  stages(): StageId[] {
    const { steps, documents, payment } = this.layout();
    const out: StageId[] = steps.map(stepStage);
    if (documents) out.push('documents');
    out.push('review');
    if (payment) out.push('payment');
    out.push('outcome');
    return out;
  }

  /** Moves to `stage`; `returning` when a step is opened from the review or its summary. */
  goTo(stage: StageId, returning = false): StageChange | undefined {
    const stages = this.stages();
    const to = stages.includes(stage) ? stage : stages[0]!;
    const isStep = stepIndexOf(to) !== undefined;
    this.#returning = isStep && (returning || (this.#returning && to === this.#current));
    if (to === this.#current) return undefined;
    const change = { from: this.#current, to };
    this.#current = to;
    this.onChange(change);
    return change;
  }

  /** The stage after this one (from a step opened from the review: the review). */
  next(): StageChange | undefined {
    if (this.#returning && this.step !== undefined) return this.goTo('review');
    const stages = this.stages();
    const following = stages[stages.indexOf(this.#current) + 1];
    return following ? this.goTo(following) : undefined;
  }

  /** The stage before this one (none from the first step, nor from the outcome). */
  back(): StageChange | undefined {
    if (this.#current === 'outcome') return undefined;
    const stages = this.stages();
    const previous = stages[stages.indexOf(this.#current) - 1];
    return previous ? this.goTo(previous, this.#returning) : undefined;
  }

  /**
   * "Step 3 of 9": the steps, the documents page and the review count; the payment shares the
   * review's number. `undefined` at the outcome.
   */
  progress(): [current: number, total: number] | undefined {
    if (this.#current === 'outcome') return undefined;
    const counted = this.stages().filter((s) => s !== 'payment' && s !== 'outcome');
    const at = this.#current === 'payment' ? 'review' : this.#current;
    return [counted.indexOf(at) + 1, counted.length];
  }

  /** What a draft keeps of the flow. */
  save(): { stage: StageId; returning: boolean } {
    return { stage: this.#current, returning: this.#returning };
  }

  /**
   * Back where a draft left off (silently: no change is reported). A stage the flow no longer
   * holds, and the outcome, fall back to the nearest sensible one.
   */
  restore(saved: { stage?: string; returning?: boolean }): void {
    const stages = this.stages();
    let stage = saved.stage as StageId | undefined;
    if (stage === 'outcome' || !stage) stage = stages[0]!;
    if (!stages.includes(stage)) {
      const index = stepIndexOf(stage);
      const steps = stages.filter((s) => stepIndexOf(s) !== undefined);
      // A step that no longer exists: the last step there is; any other stage: the review.
      stage = index !== undefined ? (steps.at(-1) ?? 'review') : 'review';
    }
    this.#current = stage;
    this.#returning = stepIndexOf(stage) !== undefined && saved.returning === true;
  }
}
