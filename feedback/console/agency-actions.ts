import { paknNotes } from "../../db/schema.js";
import { answerPakn } from "../answer-pakn.js";
import { transitionPakn } from "../pakn-repo.js";
import { type ActionDeps, type ActionTarget, officerActor, runPaknAction } from "./action-runner.js";
import { refuse } from "./refusal.js";

/** Longest note, reason or question an officer may write (a page of text). */
export const MAX_NOTE_CHARS = 4_000;
/** Longest answer (the public page shows it whole). */
export const MAX_ANSWER_CHARS = 20_000;
/** Shortest answer worth sending (answer-pakn.ts refuses shorter ones too). */
export const MIN_ANSWER_CHARS = 20;

/** A trimmed, length-checked free text; `required` refuses an empty one with the given Vietnamese sentence. */
export function cleanText(
  value: string | undefined,
  options: { max?: number; required?: string } = {},
): string | undefined {
  const text = (value ?? "").replace(/\r\n/g, "\n").trim();
  const max = options.max ?? MAX_NOTE_CHARS;
  if (!text) {
    if (options.required) throw refuse("bad_request", "text required", options.required);
    return undefined;
  }
  if (text.length > max)
    throw refuse(
      "bad_request",
      "text too long",
      `Nội dung quá dài (tối đa ${max.toLocaleString("vi-VN")} ký tự).`,
    );
  return text;
}

/** The receiving agency takes an item another agency (or the coordinator) transferred to it. */
export async function acceptTransfer(deps: ActionDeps, target: ActionTarget) {
  return runPaknAction(deps, target, "accept", async (tx, row) => {
    const moved = await transitionPakn(tx, {
      at: deps.now?.(),
      paknId: row.id,
      to: "assigned",
      actor: officerActor(target.officer),
      set: { agencyId: row.agencyId },
    });
    return { row: moved.row };
  });
}

/** An officer starts working on an item assigned to the agency. */
export async function startWork(deps: ActionDeps, target: ActionTarget) {
  return runPaknAction(deps, target, "start", async (tx, row) => {
    const moved = await transitionPakn(tx, {
      at: deps.now?.(),
      paknId: row.id,
      to: "in_progress",
      actor: officerActor(target.officer),
    });
    return { row: moved.row };
  });
}

/** Work resumes after the citizen supplied what was asked (the clock runs again); the note says what came in. */
export async function resumeWork(deps: ActionDeps, target: ActionTarget & { note?: string }) {
  const note = cleanText(target.note);
  return runPaknAction(deps, target, "resume", async (tx, row) => {
    const moved = await transitionPakn(tx, {
      at: deps.now?.(),
      paknId: row.id,
      to: "in_progress",
      actor: officerActor(target.officer),
      note: note ?? null,
    });
    return { row: moved.row };
  });
}

/** An internal note on the item: never shown to the citizen or the public; changes no state. */
export async function addNote(deps: ActionDeps, target: ActionTarget & { body: string }) {
  const body = cleanText(target.body, { required: "Vui lòng nhập nội dung ghi chú." }) as string;
  return runPaknAction(deps, target, "note", async (tx, row) => {
    const [note] = await tx
      .insert(paknNotes)
      .values({ paknId: row.id, officerId: target.officer.id, body })
      .returning({ id: paknNotes.id });
    return { row, audit: { noteId: note?.id } };
  });
}

/**
 * Forwards the item to another agency with the reason (NĐ 20/2008: what is outside the agency's
 * authority is forwarded); the receiving agency then accepts it. With no agency chosen it goes
 * back to the coordinator's triage.
 */
export async function transferPakn(
  deps: ActionDeps,
  target: ActionTarget & { agencyId?: string; reason: string },
) {
  const reason = cleanText(target.reason, { required: "Vui lòng ghi rõ lý do chuyển." }) as string;
  const to = target.agencyId?.trim() || null;
  if (to && !deps.agencies.get(to))
    throw refuse("bad_request", "unknown agency", "Không tìm thấy cơ quan được chọn.");
  return runPaknAction(deps, target, "transfer", async (tx, row) => {
    if (to === row.agencyId)
      throw refuse(
        "bad_request",
        "same agency",
        "Phản ánh đang thuộc cơ quan này; vui lòng chọn cơ quan khác.",
      );
    const moved = await transitionPakn(tx, {
      at: deps.now?.(),
      paknId: row.id,
      to: "transferred",
      actor: officerActor(target.officer),
      note: reason,
      data: { fromAgency: row.agencyId, toAgency: to },
      set: { agencyId: to },
    });
    return { row: moved.row, audit: { fromAgency: row.agencyId, toAgency: to } };
  });
}

/**
 * Asks the citizen for more information: the question goes to them through the bot with the
 * status notification (the event's note), and the answer clock stops until work resumes.
 */
export async function returnToCitizen(deps: ActionDeps, target: ActionTarget & { question: string }) {
  const question = cleanText(target.question, {
    max: 1_000,
    required: "Vui lòng nhập nội dung cần người dân bổ sung.",
  }) as string;
  return runPaknAction(deps, target, "return", async (tx, row) => {
    const moved = await transitionPakn(tx, {
      at: deps.now?.(),
      paknId: row.id,
      to: "returned",
      actor: officerActor(target.officer),
      note: question,
    });
    return { row: moved.row };
  });
}

/** Saves the officer's draft answer; the item then waits for the leader's approval. */
export async function draftAnswer(
  deps: ActionDeps,
  target: ActionTarget & { answer: string; cannedId?: number },
) {
  const answer = cleanText(target.answer, {
    max: MAX_ANSWER_CHARS,
    required: "Vui lòng nhập nội dung trả lời.",
  }) as string;
  if (answer.length < MIN_ANSWER_CHARS)
    throw refuse(
      "bad_request",
      "answer too short",
      `Nội dung trả lời cần ít nhất ${MIN_ANSWER_CHARS} ký tự, đủ để người dân hiểu kết quả xử lý.`,
    );
  return runPaknAction(deps, target, "answer", async (tx, row) => {
    const saved = await answerPakn(
      { db: tx, now: deps.now },
      { paknId: row.id, actor: officerActor(target.officer), answer },
    );
    return {
      row: saved,
      audit: { chars: answer.length, ...(target.cannedId ? { cannedId: target.cannedId } : {}) },
    };
  });
}
