import { LEARNED_TEXTS } from "../../../knowledge/compose/compose-learned.js";
import { type Button, textReply } from "../../../lib/reply.js";
import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";
import { withoutLongNumbers } from "./kb-answer.js";
import { decodeLearnAction, encodeLearnAction, isLearnPayload, type LearnAction } from "./learn-payloads.js";
import { paknButton } from "./pakn-buttons.js";
import { PAKN_LABELS } from "./pakn-texts.js";

/** Intents of a turn that asked the knowledge base a fresh question (not a button, not a pick). */
const ASKED = new Set(["kb_question", "kb_followup", "kb_faq", "elsewhere"]);
/** Intents of a turn that answered with a procedure, which the citizen may then rate. */
const ANSWERED = new Set(["kb_question", "kb_followup", "kb_pick"]);

/**
 * Learns from the turns the knowledge base could not answer well: logs a miss (nothing found, a
 * choice offered) without the sender, offers "Báo cho tôi khi có câu trả lời" under "not found",
 * puts "Đúng ý tôi" / "Chưa đúng" under every answer, notes which candidate a choice ended with, and
 * handles those buttons. Logging never holds up or breaks the answer.
 */
export const learnFromMisses: Step<TurnContext> = async (ctx, next) => {
  const { learning } = ctx.deps;
  const raw = ctx.message.payload;
  if (raw !== undefined && isLearnPayload(raw)) {
    const action = decodeLearnAction(raw);
    if (action && learning) return onButton(ctx, action);
    return next();
  }
  const { session } = ctx;
  const clarifyMissId = session.clarifyMissId;
  session.clarifyMissId = undefined;
  await next();
  if (!learning) return;
  if (ASKED.has(ctx.meta.intent)) {
    session.lastQuestion = withoutLongNumbers(ctx.text).slice(0, 1_000);
    await learning
      .countQuestion({ channel: ctx.message.channel, answered: !ctx.missed })
      .catch((err) => warn(ctx, err));
  }
  const [code] = ctx.meta.codes;
  if (ctx.meta.intent === "kb_pick" && clarifyMissId && code)
    await learning.recordChoice(clarifyMissId, code).catch((err) => warn(ctx, err));
  if (ANSWERED.has(ctx.meta.intent) && ctx.meta.action === "answer" && code && !ctx.missed) {
    addButtons(ctx, voteButtons(code));
    // The citizen has an answer; the editors see that the ranking hesitated.
    if (ctx.decision?.unsure && ctx.meta.intent !== "kb_pick") await logMiss(ctx, "unsure");
  }
  if (ctx.missed && ctx.decision?.lesson?.kind !== "noise") await logMiss(ctx, ctx.missed);
};

async function logMiss(ctx: TurnContext, kind: "not_found" | "clarify" | "unsure"): Promise<void> {
  const learning = ctx.deps.learning;
  if (!learning || !ctx.text) return;
  const candidates = (ctx.decision?.hits ?? [])
    .slice(0, 5)
    .map((h) => ({ code: h.procedure.code, name: h.procedure.name, score: h.score }));
  try {
    const missId = await learning.recordMiss({
      kind,
      channel: ctx.message.channel,
      text: ctx.text,
      candidates,
    });
    if (kind === "clarify") ctx.session.clarifyMissId = missId;
    else if (kind === "not_found") addButtons(ctx, [followButton(missId)]);
  } catch (err) {
    // The answer still goes out; only this lesson is lost.
    warn(ctx, err);
  }
}

async function onButton(ctx: TurnContext, action: LearnAction): Promise<void> {
  const learning = ctx.deps.learning;
  if (!learning) return;
  if (action.type === "follow") {
    // Said only once it is stored: the citizen is promised a message later.
    const ok = await learning
      .follow({ missId: action.missId, channel: ctx.message.channel, conversation: ctx.message.conversation })
      .catch((err) => {
        warn(ctx, err);
        return false;
      });
    ctx.reply(textReply(ok ? LEARNED_TEXTS.followed : LEARNED_TEXTS.followFailed), { intent: "kb_follow" });
    return;
  }
  await learning.vote({ code: action.code, helpful: action.helpful }).catch((err) => warn(ctx, err));
  if (action.helpful) {
    ctx.reply(textReply(LEARNED_TEXTS.thanks), { intent: "kb_vote" });
    return;
  }
  const question = ctx.session.lastQuestion;
  const buttons: Button[] = [];
  if (question) {
    const name = ctx.deps.kb.get(action.code)?.name ?? "";
    const missId = await learning
      .recordMiss({
        kind: "unhelpful",
        channel: ctx.message.channel,
        text: question,
        candidates: [{ code: action.code, name, score: 0 }],
      })
      .catch((err) => warn(ctx, err));
    if (missId) buttons.push(followButton(missId));
    if (ctx.deps.feedback) {
      // The question can still go to an officer, as after "not found".
      ctx.session.handoffQuestion = question;
      buttons.push(paknButton(PAKN_LABELS.handoff, { type: "handoff" }));
    }
  }
  ctx.reply({ text: LEARNED_TEXTS.sorry, buttons }, { intent: "kb_vote" });
}

function voteButtons(code: string): Button[] {
  return [
    { label: LEARNED_TEXTS.helpful, payload: encodeLearnAction({ type: "vote", helpful: true, code }) },
    { label: LEARNED_TEXTS.unhelpful, payload: encodeLearnAction({ type: "vote", helpful: false, code }) },
  ];
}

function followButton(missId: number): Button {
  return { label: LEARNED_TEXTS.follow, payload: encodeLearnAction({ type: "follow", missId }) };
}

/** Adds buttons under the turn's last reply (a copy: composed answers are cached and shared). */
function addButtons(ctx: TurnContext, buttons: Button[]): void {
  const last = ctx.replies.at(-1);
  if (!last) return;
  ctx.replies[ctx.replies.length - 1] = { ...last, buttons: [...last.buttons, ...buttons] };
}

function warn(ctx: TurnContext, err: unknown): undefined {
  ctx.deps.logger.warn({ err }, "could not record a lesson signal");
  return undefined;
}
