/** Evidence documents: which the definition asks for, given the answers (file checks: files.ts). */
import type { ConditionTest, Definition, DocumentRequirement } from './types.js';

/** A document asked for, with what applies now. */
export interface ApplicableDocument {
  requirement: DocumentRequirement;
  /** Pointer of the requirement in the definition (its texts: `…/title`, `…/description`). */
  pointer: string;
  required: boolean;
}

/** The documents the definition asks for, given the answers that apply (`data` as submitted). */
export function applicableDocuments(
  definition: Definition,
  data: unknown,
  test: ConditionTest,
): ApplicableDocument[] {
  const out: ApplicableDocument[] = [];
  (definition.documents ?? []).forEach((requirement, i) => {
    const pointer = `/documents/${i}`;
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
