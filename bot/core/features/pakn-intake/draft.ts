import { randomUUID } from "node:crypto";
import type { FeedbackKind } from "../../../../feedback/deadlines.js";

/** Where the intake dialog is: the question the citizen is answering now. */
export type IntakeStep =
  | "offer"
  | "kind"
  | "content"
  | "related"
  | "place"
  | "attachments"
  | "consent"
  | "name"
  | "phone"
  | "address"
  | "review";

/** A photo or place kept with the draft (a reference: files are fetched by the pipeline later). */
export interface DraftAttachment {
  kind: "image" | "location";
  url?: string;
  mimeType?: string;
  size?: number;
  latitude?: number;
  longitude?: number;
}

/**
 * A PAKN being written, kept in the session (small, JSON only). `id` is stable for the whole draft,
 * so channels without message ids still file it once.
 */
export interface PaknDraft {
  id: string;
  step: IntakeStep;
  kind?: FeedbackKind;
  content?: string;
  /** The knowledge-base procedure offered as related, while the citizen decides. */
  suggestedCode?: string;
  procedureCode?: string;
  place?: string;
  attachments?: DraftAttachment[];
  /** ISO time the citizen agreed to the personal-data notice. */
  consentAt?: string;
  name?: string;
  phone?: string;
  address?: string;
  /** True when the offer was made with the knowledge base's answer below it (declining then answers nothing more). */
  answered?: boolean;
  /** True while the content is being rewritten from the summary: then the summary comes back. */
  editing?: boolean;
}

/** Most attachments one PAKN keeps. */
export const MAX_ATTACHMENTS = 5;

/** A new draft at a step. */
export function newDraft(step: IntakeStep, fields: Partial<PaknDraft> = {}): PaknDraft {
  return { id: randomUUID(), step, ...fields };
}
