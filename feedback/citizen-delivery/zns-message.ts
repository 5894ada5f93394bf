/** The PAKN steps a province may have a ZNS template for; `rating` asks for the 1–5 rating after an answer. */
export const ZNS_STEPS = ["received", "returned", "published", "rating"] as const;

/** One of those steps. */
export type ZnsStep = (typeof ZNS_STEPS)[number];

/** The values a template's parameters are filled from; the configuration maps parameter names to these. */
export interface ZnsFields {
  code: string;
  name: string;
  status: string;
  agency: string;
  receivedDate: string;
  answerDueDate: string;
  note: string;
  answer: string;
}

/** The names of those values, for validating the configuration. */
export const ZNS_FIELD_NAMES = [
  "code",
  "name",
  "status",
  "agency",
  "receivedDate",
  "answerDueDate",
  "note",
  "answer",
] as const satisfies readonly (keyof ZnsFields)[];

/**
 * Sends Zalo Notification Service template messages to a phone number. `send` resolves with
 * Zalo's message id, throws RecipientUnreachableError with the reason when ZNS refused (quota,
 * template, phone not on Zalo, invalid phone, unavailable after its own retries).
 */
export interface ZnsSender {
  /** The steps the province has an approved template for. */
  steps: ReadonlySet<ZnsStep>;
  send(input: {
    step: ZnsStep;
    phone: string;
    fields: ZnsFields;
    trackingId: string;
  }): Promise<{ msgId: string }>;
}
