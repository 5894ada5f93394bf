import { FIELD_LABELS, type Field, type Procedure } from "../procedure.js";
import { cleanInline, isBlank } from "./clean-text.js";
import { isDossierBroken } from "./fragments.js";
import { agencyText, draftFee, draftOnline, draftPlace, draftTime } from "./render-channel-fields.js";
import { draftDocuments, hasDocuments } from "./render-documents.js";
import { draftConditions, draftLegalBasis, draftResult, draftSteps } from "./render-list-fields.js";
import type { SectionDraft } from "./section.js";
import { truncateAtWord } from "./split-text.js";

/** The order in which parts are offered as buttons: what citizens ask most first. */
export const FIELD_BUTTON_ORDER: readonly Field[] = [
  "documents",
  "time",
  "fee",
  "place",
  "online",
  "steps",
  "conditions",
  "result",
  "legal_basis",
];

/** How each part is named inside a sentence ("chưa có thông tin về …"). */
export const FIELD_PHRASES: Record<Field, string> = {
  documents: "thành phần hồ sơ",
  fee: "phí, lệ phí",
  time: "thời gian giải quyết",
  place: "nơi nộp hồ sơ",
  steps: "các bước thực hiện",
  conditions: "điều kiện thực hiện",
  legal_basis: "căn cứ pháp lý",
  result: "kết quả giải quyết",
  online: "hình thức nộp trực tuyến",
};

/** Options for drafting a part. */
export interface DraftOptions {
  /** Show the names of form files next to papers (full view only). */
  withForms?: boolean;
}

/** Drafts one part of a procedure as a section; null when the portal has nothing on it. */
export function draftField(
  procedure: Procedure,
  field: Field,
  options: DraftOptions = {},
): SectionDraft | null {
  const title = FIELD_LABELS[field];
  switch (field) {
    case "documents":
      return hasDocuments(procedure) && !isDossierBroken(procedure)
        ? draftDocuments(procedure, title, options.withForms ?? false)
        : null;
    case "fee":
      return draftFee(procedure, title);
    case "time":
      return draftTime(procedure, title);
    case "place":
      return draftPlace(procedure, title);
    case "steps":
      return draftSteps(procedure, title);
    case "conditions":
      return draftConditions(procedure, title);
    case "legal_basis":
      return draftLegalBasis(procedure, title);
    case "result":
      return draftResult(procedure, title);
    case "online":
      return draftOnline(procedure, title);
  }
}

/** True when the portal has something to show for this part. */
export function fieldHasContent(procedure: Procedure, field: Field): boolean {
  return draftField(procedure, field) !== null;
}

/**
 * The plain text for a part the portal leaves empty or broken: says so, links the full record,
 * and names the agency to contact; for the place, adds the level the procedure is done at.
 */
export function emptyFieldText(procedure: Procedure, field: Field): string {
  const agency = truncateAtWord(agencyText(procedure), 160);
  const url = cleanInline(procedure.portalUrl);
  let text = `Cổng Dịch vụ công quốc gia chưa ghi rõ ${FIELD_PHRASES[field]} của thủ tục này`;
  text += url ? `; xem bản đầy đủ: ${url}` : ".";
  text += `\nBạn có thể liên hệ ${agency || "cơ quan tiếp nhận hồ sơ"} để được hướng dẫn.`;
  const levels = procedure.levels.map(cleanInline).filter((l) => !isBlank(l));
  if (field === "place" && levels.length > 0) text += ` Thủ tục này thực hiện ở: ${levels.join(", ")}.`;
  return `${FIELD_LABELS[field].toLocaleUpperCase("vi")}\n${text}`;
}
