import { approvePakn, publishPakn, sendBackAnswer } from "../answer-pakn.js";
import type { PaknRow } from "../pakn-repo.js";
import { redactForPublic } from "../redact.js";
import { type ActionDeps, type ActionTarget, officerActor, runPaknAction } from "./action-runner.js";
import { cleanText } from "./agency-actions.js";
import { refuse } from "./refusal.js";

/** What the public will see once the item is published: the question and answer with every personal detail removed. */
export interface PublicPreview {
  question: string;
  answer: string;
}

/** The redacted record exactly as publication will write it (the same redaction, the sender's identity included). */
export function publicPreview(
  row: Pick<PaknRow, "content" | "answer" | "contactName" | "contactAddress" | "contactPhone">,
): PublicPreview {
  const sender = { name: row.contactName, address: row.contactAddress, phone: row.contactPhone };
  return {
    question: redactForPublic(row.content, sender),
    answer: redactForPublic(row.answer ?? "", sender),
  };
}

/** The leader (or coordinator) approves the draft answer as it stands. */
export async function approveAnswer(deps: ActionDeps, target: ActionTarget) {
  return runPaknAction(deps, target, "approve", async (tx, row) => ({
    row: await approvePakn(
      { db: tx, now: deps.now },
      { paknId: row.id, actor: officerActor(target.officer) },
    ),
  }));
}

/** The leader sends the draft back to the officers with what to change. */
export async function sendBack(deps: ActionDeps, target: ActionTarget & { note: string }) {
  const note = cleanText(target.note, {
    required: "Vui lòng ghi rõ nội dung cần sửa trong dự thảo.",
  }) as string;
  return runPaknAction(deps, target, "send_back", async (tx, row) => ({
    row: await sendBackAnswer(
      { db: tx, now: deps.now },
      { paknId: row.id, actor: officerActor(target.officer), note },
    ),
  }));
}

/**
 * Publishes an approved answer once the leader confirmed they checked the redacted preview; the
 * public record gets the redacted question and answer and the citizen is notified.
 */
export async function publishAnswer(deps: ActionDeps, target: ActionTarget & { confirmed: boolean }) {
  if (!target.confirmed)
    throw refuse(
      "bad_request",
      "publication not confirmed",
      "Vui lòng đánh dấu xác nhận đã kiểm tra bản công khai (không còn thông tin cá nhân) trước khi công bố.",
    );
  return runPaknAction(deps, target, "publish", async (tx, row) => ({
    row: await publishPakn(
      { db: tx, now: deps.now },
      { paknId: row.id, actor: officerActor(target.officer) },
    ),
  }));
}
