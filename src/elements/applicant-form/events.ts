/** The events of `<applicant-form>`: typed, bubbling, composed. */
import type { SubmitFailure } from '../../core/http.js';
import type { Submission } from '../../core/payload.js';
import type { StageId } from '../../core/flow.js';
import type { DefinitionProblem } from '../../core/types.js';

export { DataChangeEvent, ReadyEvent, type DataChangeDetail } from '../shared/form-events.js';

const init = { bubbles: true, composed: true } as const;

export interface StepChangeDetail {
  /** The stage left: `step:N` (N the step's index), `documents`, `review`, `payment` or `outcome`. */
  from: StageId;
  /** The stage entered. */
  to: StageId;
  /** The entered step's own id (from the definition), or the stage's id for the other stages. */
  stepId: string;
}

/** Fired after the citizen moved to another stage. */
export class StepChangeEvent extends CustomEvent<StepChangeDetail> {
  constructor(detail: StepChangeDetail) {
    super('step-change', { ...init, detail });
  }
}

export interface BeforeSubmitDetail {
  /** The body about to be sent; a host may add to `submission.data` or change it. */
  submission: Submission;
  /** Extra request headers for this submission; a host may add to them. */
  headers: Record<string, string>;
}

/** Fired before the application is sent; `preventDefault()` stops the submission. */
export class BeforeSubmitEvent extends CustomEvent<BeforeSubmitDetail> {
  constructor(detail: BeforeSubmitDetail) {
    super('before-submit', { ...init, cancelable: true, detail });
  }
}

export interface SubmitSuccessDetail {
  reference: string | undefined;
  location: string | undefined;
  status: number;
  response: unknown;
  /**
   * What was sent; `undefined` when the payment endpoint sent the application it held with a
   * paid payment (the tab that paid was closed, so this page had no copy of it).
   */
  submission: Submission | undefined;
}

/** Fired once the endpoint accepted the application. */
export class SubmitSuccessEvent extends CustomEvent<SubmitSuccessDetail> {
  constructor(detail: SubmitSuccessDetail) {
    super('submit-success', { ...init, detail });
  }
}

export type SubmitErrorDetail = SubmitFailure;

/** Fired when the submission failed (after retries); every answer is kept. */
export class SubmitErrorEvent extends CustomEvent<SubmitErrorDetail> {
  constructor(detail: SubmitErrorDetail) {
    super('submit-error', { ...init, detail });
  }
}

export interface DefinitionErrorDetail {
  /** What is wrong, each with the JSON pointer into the definition. */
  problems: DefinitionProblem[];
  message: string;
}

/**
 * Fired as `error` when the definition cannot be loaded or is not valid (for the web editor).
 * Like the native `error` of `<img>` or `<script>` it does not bubble: page-wide `error` handlers
 * (error trackers, test frameworks) take a bubbling one for an uncaught exception.
 */
export class DefinitionErrorEvent extends CustomEvent<DefinitionErrorDetail> {
  constructor(detail: DefinitionErrorDetail) {
    super('error', { detail, bubbles: false, composed: false });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'step-change': StepChangeEvent;
    'before-submit': BeforeSubmitEvent;
    'submit-success': SubmitSuccessEvent;
    'submit-error': SubmitErrorEvent;
  }
}
