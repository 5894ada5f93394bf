import { encodePayload } from "../payload.js";
import { FIELD_LABELS, type Procedure } from "../procedure.js";
import { cleanInline, cleanName } from "./clean-text.js";
import { type ComposedButton, type ComposedMessage, DEFAULT_MAX_CHARS } from "./composed-message.js";
import { caseAt, dossierCases, paperKey } from "./document-cases.js";
import { FIELD_BUTTON_ORDER, fieldHasContent } from "./field-section.js";
import { caseDocumentLines, dossierNoteLines } from "./render-documents.js";
import { type SectionLine, sectionHeading } from "./section.js";
import { splitText, truncateAtWord } from "./split-text.js";

/** Most case buttons under one message; the text names every case. */
export const MAX_CASE_BUTTONS = 8;

/**
 * Buttons for the cases of a procedure's dossier other than the one shown (`shown`: 0 is the common
 * case), ordinary cases first; none when the dossier has a single case.
 */
export function documentCaseButtons(procedure: Procedure, shown = 0): ComposedButton[] {
  const { common, others } = dossierCases(procedure);
  if (others.length === 0) return [];
  const all = [common, ...others];
  return all
    .map((c, index) => ({
      label: c.label,
      payload: encodePayload({ type: "case", code: procedure.code, index }),
    }))
    .filter((_, index) => index !== shown)
    .slice(0, MAX_CASE_BUTTONS);
}

/**
 * Composes the papers of one case of a procedure's dossier (0 is the common case): its wording as
 * the portal gives it, its papers each once with quantity and form, the common papers it comes with,
 * the dossier notes and the portal link; buttons for the other cases and the other parts. Null when
 * the procedure has no such case.
 */
export function composeDocumentCase(
  procedure: Procedure,
  index: number,
  options: { maxChars?: number } = {},
): ComposedMessage[] | null {
  const cases = dossierCases(procedure);
  const chosen = caseAt(cases, index);
  if (!chosen) return null;
  const lines = [
    truncateAtWord(cleanName(procedure.name), 400),
    `Mã thủ tục: ${cleanInline(procedure.code)}`,
    "",
    sectionHeading(`${FIELD_LABELS.documents}: ${chosen.label}`),
  ];
  const heading = cleanName(chosen.heading);
  if (heading.length > chosen.label.length + 3) lines.push(`(${heading})`);
  const asText = (l: SectionLine) => l.text + (l.suffix ?? "");
  const own = caseDocumentLines(chosen.docs, true);
  lines.push(...own.papers.map(asText));
  const asides = [...own.notes];
  if (chosen.addsToCommon) {
    const shared = caseDocumentLines(cases.common.docs, true, new Set(chosen.docs.map(paperKey)));
    if (shared.papers.length > 0) lines.push("Kèm theo giấy tờ chung:", ...shared.papers.map(asText));
    asides.push(...shared.notes);
  }
  if (asides.length > 0) lines.push("Ghi chú:", ...asides.map(asText));
  lines.push(...dossierNoteLines(procedure, []).map((l) => l.text));
  const url = cleanInline(procedure.portalUrl);
  if (url) lines.push("", `Xem chi tiết trên Cổng Dịch vụ công quốc gia:\n${url}`);
  const texts = splitText(lines.join("\n"), Math.max(1, options.maxChars ?? DEFAULT_MAX_CHARS));
  const buttons = documentCaseButtons(procedure, index);
  for (const field of FIELD_BUTTON_ORDER) {
    if (field === "documents" || !fieldHasContent(procedure, field)) continue;
    buttons.push({
      label: FIELD_LABELS[field],
      payload: encodePayload({ type: "field", code: procedure.code, field }),
    });
  }
  const messages = texts.map((text) => ({ text, buttons: [] as ComposedButton[] }));
  const last = messages[messages.length - 1];
  if (last) last.buttons = buttons;
  return messages;
}
