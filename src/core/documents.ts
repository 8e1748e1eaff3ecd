/** Evidence documents: which the definition asks for, given the answers (file checks: files.ts). */
import type { ConditionTest, Definition, DocumentRequirement, OutcomeType } from './types.js';

/** A document asked for, with what applies now. */
export interface ApplicableDocument {
  requirement: DocumentRequirement;
  /** Pointer of the requirement in the definition (its texts: `…/title`, `…/description`). */
  pointer: string;
  required: boolean;
}

/** How a document reaches the authority (format 2): uploaded in the form, or brought in person. */
export type Delivery = NonNullable<DocumentRequirement['delivery']>;

/**
 * How a document is delivered: `upload` unless it says `bring` — and always `upload` in a flow
 * that ends in a submission (`outcome`), which has no appointment to bring anything to.
 */
export function deliveryOf(requirement: DocumentRequirement, outcome?: OutcomeType): Delivery {
  return outcome === 'submission' ? 'upload' : (requirement.delivery ?? 'upload');
}

/**
 * The documents the definition asks for, given the answers that apply (`data` as submitted), of
 * one delivery: by default those uploaded in the form (the upload page, and what the server
 * requires with an application); `bring` gives those listed on an appointment's checklist
 * (see `checklist` in outcome.ts), `all` both. With `outcome` `submission` every document is
 * uploaded.
 */
export function applicableDocuments(
  definition: Definition,
  data: unknown,
  test: ConditionTest,
  delivery: Delivery | 'all' = 'upload',
  outcome?: OutcomeType,
): ApplicableDocument[] {
  const out: ApplicableDocument[] = [];
  (definition.documents ?? []).forEach((requirement, i) => {
    const pointer = `/documents/${i}`;
    if (delivery !== 'all' && deliveryOf(requirement, outcome) !== delivery) return;
    if (requirement.when && !test(`${pointer}/when`, data)) return;
    out.push({ requirement, pointer, required: requirement.required !== false });
  });
  return out;
}

/** A finished upload as the application references it. */
export interface UploadedFile {
  /** The upload's id on the server. */
  id: string;
  name: string;
  type: string;
  size: number;
  /** Hex SHA-256 of the file's bytes. */
  sha256: string;
}

/** Documents in the submission: uploaded files by requirement id. */
export type DocumentsValue = Record<string, UploadedFile[]>;
