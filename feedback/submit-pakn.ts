import type { Db } from "../db/client.js";
import type { PaknAttachment } from "../db/schema.js";
import { AppError } from "../lib/errors.js";
import { FEEDBACK_KINDS, type FeedbackKind } from "./deadlines.js";
import type { DueDatesFn } from "./pakn-due-dates.js";
import { checkContent, isPlausibleAddress, isPlausibleName, stripControlChars } from "./pakn-input-rules.js";
import { createPakn } from "./pakn-repo.js";
import { normalizeVnPhone } from "./vn-phone.js";

/** What the intake dialog collected and the citizen confirmed. */
export interface PaknSubmission {
  kind: FeedbackKind;
  content: string;
  procedureCode?: string | null;
  place?: string | null;
  attachments?: PaknAttachment[];
  contact: { name: string; phone: string; address: string };
  /** When the citizen agreed to the personal-data notice; required before any contact is kept. */
  consentAt: Date | string;
  channel: string;
  channelUser: string;
  conversation: string;
  /** The channel's id of the confirming message: a redelivered confirmation creates nothing. */
  inboundMessageId: string;
  /** The channel shows no lasting reply with the code (Open311): the receipt is notified like a step. */
  notifyReceipt?: boolean;
}

/** The filed PAKN as the citizen is told about it. */
export interface SubmittedPakn {
  code: string;
  /** False when this confirmation had already been stored (a redelivery). */
  created: boolean;
  answerDueAt: Date;
}

/** What submitting needs: the database, the deadline rule, and a clock for tests. */
export interface SubmitPaknDeps {
  db: Db;
  dueDates: DueDatesFn;
  now?: () => Date;
}

/** Every reason a submission cannot be filed (empty when it can). */
export function submissionProblems(input: PaknSubmission): string[] {
  const problems: string[] = [];
  if (!(FEEDBACK_KINDS as readonly string[]).includes(input.kind)) problems.push("kind");
  const content = checkContent(input.content ?? "");
  if (content) problems.push(`content:${content}`);
  if (!isPlausibleName(input.contact?.name ?? "")) problems.push("contact.name");
  if (!normalizeVnPhone(input.contact?.phone ?? "")) problems.push("contact.phone");
  if (!isPlausibleAddress(input.contact?.address ?? "")) problems.push("contact.address");
  const consentAt = new Date(input.consentAt ?? Number.NaN);
  if (Number.isNaN(consentAt.getTime())) problems.push("consentAt");
  if (!input.channel || !input.channelUser || !input.conversation) problems.push("sender");
  if (!input.inboundMessageId) problems.push("inboundMessageId");
  return problems;
}

/** Text as stored: without control characters (PostgreSQL refuses NUL), trimmed, whatever route it came by. */
const clean = (text: string) => stripControlChars(text).trim();

/**
 * Files a confirmed PAKN: checks it (a PAKN needs readable content and the sender's name, phone and
 * address given after consent), computes its deadlines and stores it with its tracking code in one
 * transaction. Throws `bad_request` naming the missing parts; database errors pass through.
 */
export async function submitPakn(deps: SubmitPaknDeps, sent: PaknSubmission): Promise<SubmittedPakn> {
  const input = {
    ...sent,
    content: clean(sent.content ?? ""),
    place: sent.place == null ? sent.place : clean(sent.place),
    contact: sent.contact && {
      name: clean(sent.contact.name ?? ""),
      phone: sent.contact.phone ?? "",
      address: clean(sent.contact.address ?? ""),
    },
  };
  const problems = submissionProblems(input);
  if (problems.length > 0) throw new AppError("bad_request", "the PAKN is incomplete", { problems });
  const receivedAt = deps.now?.() ?? new Date();
  const due = deps.dueDates(input.kind, receivedAt);
  const { row, created } = await createPakn(deps.db, {
    kind: input.kind,
    content: input.content,
    procedureCode: input.procedureCode ?? null,
    place: input.place || null,
    attachments: input.attachments ?? [],
    contact: {
      name: input.contact.name,
      phone: normalizeVnPhone(input.contact.phone) as string,
      address: input.contact.address,
    },
    consentAt: new Date(input.consentAt),
    channel: input.channel,
    channelUser: input.channelUser,
    notifyReceipt: input.notifyReceipt === true,
    conversation: input.conversation,
    inboundMessageId: input.inboundMessageId,
    receivedAt,
    forwardDueAt: due.forwardDueAt,
    answerDueAt: due.answerDueAt,
  });
  return { code: row.code, created, answerDueAt: row.answerDueAt };
}
