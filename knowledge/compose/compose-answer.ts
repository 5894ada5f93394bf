import { encodePayload } from "../payload.js";
import { FIELD_LABELS, type Field, type Procedure } from "../procedure.js";
import { composeOverview } from "./answer-overview.js";
import { cleanInline, cleanName, isBlank } from "./clean-text.js";
import { documentCaseButtons } from "./compose-document-case.js";
import { type ComposedButton, type ComposedMessage, DEFAULT_MAX_CHARS } from "./composed-message.js";
import { draftField, emptyFieldText, FIELD_BUTTON_ORDER, fieldHasContent } from "./field-section.js";
import { agencyText } from "./render-channel-fields.js";
import { renderSectionFull, renderSectionWithin } from "./section.js";
import { splitText, truncateAtWord } from "./split-text.js";

/** How to compose an answer. */
export interface ComposeAnswerOptions {
  /** Show the asked parts (every part when none was asked) in full, over several messages if needed. */
  full?: boolean;
  /** Hard limit on each message's text (default 2,000, Zalo's limit). */
  maxChars?: number;
}

/** Shortest budget a summarised part gets, even when many parts were asked at once. */
const MIN_SECTION_BUDGET = 280;
/** Longest single entry (a paper, a step) in a summarised part. */
const SUMMARY_ITEM_MAX = 240;

/** The header: name, code, level and agency. */
function answerHeader(procedure: Procedure): string {
  const lines = [truncateAtWord(cleanName(procedure.name), 400)];
  const levels = procedure.levels.map(cleanInline).filter((l) => !isBlank(l));
  lines.push(
    `Mã thủ tục: ${cleanInline(procedure.code)}${levels.length ? ` | Cấp thực hiện: ${levels.join(", ")}` : ""}`,
  );
  const agency = agencyText(procedure);
  if (agency) lines.push(truncateAtWord(`Cơ quan thực hiện: ${agency}`, 300));
  return lines.join("\n");
}

/**
 * Shares `room` characters among parts needing `needs` characters: short parts get what they need,
 * the rest is split evenly among the long ones, never below the minimum budget.
 */
function shareBudget(needs: readonly number[], room: number): number[] {
  const budgets = new Array<number>(needs.length).fill(MIN_SECTION_BUDGET);
  const order = needs.map((need, i) => ({ need, i })).sort((a, b) => a.need - b.need);
  let left = room;
  order.forEach(({ need, i }, k) => {
    const share = Math.floor(left / (order.length - k));
    const budget = Math.max(MIN_SECTION_BUDGET, Math.min(need, share));
    budgets[i] = budget;
    left -= budget;
  });
  return budgets;
}

function portalFooter(procedure: Procedure): string {
  const url = cleanInline(procedure.portalUrl);
  return url ? `Xem chi tiết trên Cổng Dịch vụ công quốc gia:\n${url}` : "";
}

function fieldButton(type: "field" | "full", code: string, field: Field, label: string): ComposedButton {
  return { label, payload: encodePayload({ type, code, field }) };
}

/**
 * Composes the answer about one procedure: a header, the asked parts first (or a short overview when
 * nothing specific was asked), the portal link, and buttons for the other parts that have content.
 * Every message text is at most `maxChars` long; long parts are summarised with a "Xem đầy đủ" button,
 * or, with `full`, spread over several messages.
 */
export function composeAnswer(
  procedure: Procedure,
  fields: readonly Field[],
  options: ComposeAnswerOptions = {},
): ComposedMessage[] {
  const maxChars = Math.max(1, options.maxChars ?? DEFAULT_MAX_CHARS);
  const full = options.full ?? false;
  const asked = [...new Set(fields)];
  const code = procedure.code;
  const header = answerHeader(procedure);
  let footer = portalFooter(procedure);

  const targets =
    asked.length > 0 || !full ? asked : FIELD_BUTTON_ORDER.filter((f) => fieldHasContent(procedure, f));
  const sections: string[] = [];
  const truncated: Field[] = [];
  if (targets.length === 0) {
    sections.push(composeOverview(procedure));
  } else {
    const all = targets.map((field) => ({
      field,
      draft: draftField(procedure, field, { withForms: full }),
    }));
    // Several parts asked at once ("làm online được không" also reads as conditions): an empty
    // part is said only when nothing asked has content, so no block of "chưa ghi rõ" rides along.
    const drafts = all.some((d) => d.draft) ? all.filter((d) => d.draft || all.length === 1) : all;
    const room = maxChars - header.length - footer.length - 2 * (targets.length + 1);
    const budgets = shareBudget(
      drafts.map(
        ({ field, draft }) => (draft ? renderSectionFull(draft) : emptyFieldText(procedure, field)).length,
      ),
      room,
    );
    drafts.forEach(({ field, draft }, i) => {
      if (!draft) {
        sections.push(emptyFieldText(procedure, field));
      } else if (full) {
        sections.push(renderSectionFull(draft));
      } else {
        const budget = budgets[i] ?? MIN_SECTION_BUDGET;
        const rendered = renderSectionWithin(draft, budget, Math.min(SUMMARY_ITEM_MAX, budget));
        sections.push(rendered.text);
        if (rendered.truncated) truncated.push(field);
      }
    });
    // A part that already carries the portal link (online, place, an empty part) makes the footer redundant.
    const url = cleanInline(procedure.portalUrl);
    if (url && sections.some((text) => text.includes(url))) footer = "";
  }

  const texts = splitText([header, ...sections, footer].filter(Boolean).join("\n\n"), maxChars);
  const buttons: ComposedButton[] = truncated.map((field) =>
    fieldButton(
      "full",
      code,
      field,
      truncated.length === 1 ? "Xem đầy đủ" : `Xem đầy đủ: ${FIELD_LABELS[field]}`,
    ),
  );
  if (targets.includes("documents")) buttons.push(...documentCaseButtons(procedure));
  for (const field of FIELD_BUTTON_ORDER) {
    if (targets.includes(field) || !fieldHasContent(procedure, field)) continue;
    buttons.push(fieldButton("field", code, field, FIELD_LABELS[field]));
  }
  const messages: ComposedMessage[] = texts.map((text) => ({ text, buttons: [] }));
  const last = messages[messages.length - 1];
  if (last) last.buttons = buttons;
  return messages;
}
