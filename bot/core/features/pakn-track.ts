import type { TrackedPakn } from "../../../feedback/track-pakn.js";
import { parseTrackingCode } from "../../../feedback/tracking-code.js";
import { formatVnDate } from "../../../feedback/vn-date.js";
import { truncateAtWord } from "../../../knowledge/compose/split-text.js";
import { textReply } from "../../../lib/reply.js";
import type { TurnContext } from "../turn-context.js";
import { paknButton } from "./pakn-buttons.js";
import { fill, PAKN_TEXTS } from "./pakn-texts.js";

/** The status reply: public part for anyone with the code, details only for the submitter. */
export function trackedText(tracked: TrackedPakn): string {
  const { view, details } = tracked;
  const lines = [
    `Mã ${view.code} (${view.kindLabel})`,
    `Tình trạng: ${view.statusLabel}`,
    `Ngày tiếp nhận: ${formatVnDate(view.receivedAt)}`,
    `Hạn trả lời: ${formatVnDate(view.answerDueAt)}`,
    "Quá trình xử lý:",
    ...view.history.slice(-8).map((h) => `• ${formatVnDate(h.at)}: ${h.statusLabel}`),
  ];
  if (details) {
    lines.push("", `Nội dung bạn gửi: ${truncateAtWord(details.content, 500)}`);
    if (details.place) lines.push(`Nơi xảy ra, cơ quan: ${truncateAtWord(details.place, 150)}`);
    for (const n of details.notes.slice(-3))
      lines.push(`Ghi chú (${formatVnDate(n.at)}): ${truncateAtWord(n.note, 200)}`);
    if (details.answer) lines.push("", `Trả lời: ${truncateAtWord(details.answer, 700)}`);
  }
  return lines.join("\n");
}

/** Answers "/tracuu CODE" or a typed code with the PAKN's status and history. */
export async function replyTracking(ctx: TurnContext, typed: string): Promise<void> {
  const service = ctx.deps.feedback;
  if (!service) {
    ctx.reply(textReply(PAKN_TEXTS.unavailable), { intent: "feedback_unavailable" });
    return;
  }
  const code = parseTrackingCode(typed);
  if (!code) {
    ctx.reply(textReply(fill(PAKN_TEXTS.trackNotFound, { code: truncateAtWord(typed, 40) })), {
      intent: "lookup",
    });
    return;
  }
  let tracked: TrackedPakn | undefined;
  try {
    tracked = await service.track(code, { channel: ctx.message.channel, user: ctx.message.user });
  } catch (err) {
    ctx.deps.logger.warn({ error: (err as Error).message?.split("\n")[0] }, "PAKN lookup failed");
    ctx.reply(textReply(PAKN_TEXTS.trackBusy), { intent: "lookup" });
    return;
  }
  if (!tracked) {
    ctx.reply(textReply(fill(PAKN_TEXTS.trackNotFound, { code })), { intent: "lookup" });
    return;
  }
  ctx.reply(textReply(trackedText(tracked)), { intent: "lookup", feedback_code: tracked.view.code });
}

/** Answers "/tracuu" alone or "phản ánh của tôi" with the citizen's own PAKN. */
export async function replyOwnList(ctx: TurnContext): Promise<void> {
  const service = ctx.deps.feedback;
  if (!service) {
    ctx.reply(textReply(PAKN_TEXTS.unavailable), { intent: "feedback_unavailable" });
    return;
  }
  let items: Awaited<ReturnType<typeof service.listOwn>>;
  try {
    items = await service.listOwn({ channel: ctx.message.channel, user: ctx.message.user });
  } catch (err) {
    ctx.deps.logger.warn({ error: (err as Error).message?.split("\n")[0] }, "PAKN list failed");
    ctx.reply(textReply(PAKN_TEXTS.trackBusy), { intent: "lookup_own" });
    return;
  }
  if (items.length === 0) {
    ctx.reply(textReply(PAKN_TEXTS.ownListEmpty), { intent: "lookup_own" });
    return;
  }
  const lines = items.map(
    (i) => `• ${i.code} – ${i.kindLabel} – ${i.statusLabel} (gửi ${formatVnDate(i.receivedAt)})`,
  );
  ctx.reply(
    {
      text: [PAKN_TEXTS.ownListHead, ...lines, PAKN_TEXTS.ownListTail].join("\n"),
      buttons: items.slice(0, 5).map((i) => paknButton(i.code, { type: "track", code: i.code })),
    },
    { intent: "lookup_own" },
  );
}
