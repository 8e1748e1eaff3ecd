/**
 * What the pages after the steps of `<applicant-form>` read (a narrow, read-only view of the
 * form's state) and the few things they ask the form to do. Types only.
 */
import type { SubmitFailure, SubmitOptions } from '../../core/http.js';
import type { StageId } from '../../core/flow.js';
import type { ApplicableDocument, DocumentsValue, UploadedFile } from '../../core/documents.js';
import type { HostIdentity } from '../../core/identity.js';
import type { Texts } from '../../core/texts.js';
import type { Definition, Outcome, OutcomeType } from '../../core/types.js';
import type { Language } from '../../i18n/localization.js';
import type { LoadedDefinition } from '../shared/loader.js';

export interface SummaryEntry {
  pointer: string;
  message: string;
}

export type Status =
  | { kind: 'idle' }
  | { kind: 'sending'; retrying: boolean }
  | { kind: 'failed'; failure: SubmitFailure | { ok: false; kind: 'config' } };

/** What sending has come to: written here, rendered by the form and its pages. */
export interface SendState {
  status: Status;
  /** The endpoint's reference for the accepted application. */
  reference?: string | undefined;
  /** The Kassenzeichen of the payment, when the fee was paid. */
  transactionReference?: string | undefined;
  /** Sent with the fee to be paid later (said on the confirmation). */
  billedLater: boolean;
  /** The citizen chose to pay later. */
  payLater: boolean;
  /** The payment started at the payment stage. */
  paymentId?: string | undefined;
  /** One key per application, made when first needed, reused on every retry. */
  idempotencyKey?: string | undefined;
  /** The application was accepted: nothing more is sent from this element. */
  sent: boolean;
  /** The first party's part is stored and waits for the next party: its link. */
  handOff?: { token: string; party: string; expiresAt: string } | undefined;
  /** The capability to ask where the application stands (kept by the first party). */
  statusSecret?: string | undefined;
  /** Where it stands, as the endpoint last said. */
  standing?: { status: string; expiresAt?: string | undefined } | undefined;
  /** Why a hand-off or status link could not be opened (an HTTP status; 0: no connection). */
  linkProblem?: number | undefined;
}

/** What a later party opens through a hand-off link. */
export interface HandOffView {
  token: string;
  party: string;
  /** The first party's answers this party may read. */
  shared: Record<string, unknown>;
  expiresAt: string;
}

/** The element's settings the pages read (its public properties). */
export interface FormSettings {
  readonly definition: string | Definition | undefined;
  readonly endpoint: string | undefined;
  readonly validator: string | undefined;
  readonly csrf: 'auto' | 'off';
  readonly csrfHeader: string;
  readonly storage: 'session' | 'none';
  readonly headers: Record<string, string>;
  readonly retryPolicy: Pick<
    SubmitOptions,
    'maxAttempts' | 'baseDelayMs' | 'maxDelayMs' | 'timeoutMs'
  >;
  readonly paymentEndpoint: string | undefined;
  readonly uploadEndpoint: string | undefined;
  readonly providerOrigins: string | undefined;
  /** Tag names for the elements the form renders inside itself (see `registerComposed`). */
  readonly tagNames: Partial<Record<ComposedElement, string>>;
  /** The page a later party opens the hand-off link on (default: this page). */
  readonly handoffHref: string | undefined;
  /** The outcome the page asked for (the `outcome` attribute). */
  readonly outcome: OutcomeType | undefined;
}

export type ComposedElement = 'document-upload' | 'payment-step';

/** What the pages after the steps read (the form's state, read only). */
export interface StageContext {
  readonly settings: FormSettings;
  readonly send: SendState;
  readonly loaded: LoadedDefinition;
  readonly texts: Texts;
  readonly data: Readonly<Record<string, unknown>>;
  readonly language: Language;
  readonly documents: DocumentsValue;
  /** Indexes of the steps this element's party fills in. */
  readonly steps: number[];
  /** What the flow ends in (the `outcome` attribute's, or the definition's first). */
  readonly outcome: Outcome;
  /** The hand-off this element fills in as a later party. */
  readonly handOff: HandOffView | undefined;
  readonly identity: HostIdentity | undefined;
  applicableDocuments(): ApplicableDocument[];
  renderSummary(): unknown;
  renderRemember(): unknown;
}

/** What the pages ask the form to do. */
export interface StageHost extends StageContext {
  /** Moves to a stage (`focus`: a field there; `returning`: its Next leads to the review). */
  go(stage: StageId, focus?: string, returning?: boolean): void;
  back(): void;
  submit(): void;
  update(): void;
  announce(text: string): void;
  /** Focuses the first match of `selector` after the next render. */
  focus(selector: string): void;
  dispatch(event: Event): boolean;
  /** Every required document has a file (else the documents page says which). */
  documentsComplete(): boolean;
  /** Every answer is valid (else the first step with a problem shows them). */
  everyStepValid(): boolean;
  /** The answers that apply, as they are sent (read only). */
  applicable(): Readonly<Record<string, unknown>>;
  /** A 422's verdict on fields, and the summary to show on the review. */
  showServerErrors(fields: Map<string, string>, entries: SummaryEntry[]): void;
  /** Removes the drafts (this tab's and the device's). */
  forget(): void;
  documentsChanged(id: string, files: UploadedFile[]): void;
  /** Saves the draft now; settles once the copy kept on the device is saved too. */
  saveNow(): Promise<unknown>;
  /** Sends the application held with a paid payment, named by its Kassenzeichen. */
  finishPaid(transactionReference: string): void;
  /** A hand-off or status link was opened (`view`: a later party's part to fill in). */
  opened(view?: HandOffView): void;
}
