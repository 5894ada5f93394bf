import type { Procedure } from "../procedure.js";
import { channelGroupsInline, groupChannels } from "./channel-text.js";
import { cleanInline, cleanItems, isBlank } from "./clean-text.js";
import { readFeeText } from "./fee-facts.js";
import { isDossierBroken } from "./fragments.js";
import { placeByLevel } from "./place-facts.js";
import { agencyText, isOnline } from "./render-channel-fields.js";
import { hasDocuments, summarizeDocuments } from "./render-documents.js";
import { truncateAtWord } from "./split-text.js";
import { channelTimes } from "./time-facts.js";

/** Longest overview line, so that the overview fits one phone screen or two. */
const LINE_MAX = 260;

/**
 * A short overview of a procedure for when nothing specific was asked: what it is for, the dossier
 * in one line, time, fee, where, and whether it can be done online.
 */
export function composeOverview(procedure: Procedure): string {
  const lines: string[] = ["TÓM TẮT"];
  const add = (label: string, value: string) => {
    if (value) lines.push(truncateAtWord(`• ${label}: ${value}`, LINE_MAX));
  };
  add("Lĩnh vực", isBlank(procedure.field) ? "" : cleanInline(procedure.field));
  add(
    "Đối tượng",
    procedure.audience
      .map(cleanInline)
      .filter((a) => !isBlank(a))
      .join(", "),
  );
  add("Kết quả", cleanItems(procedure.results).join("; "));
  if (isDossierBroken(procedure))
    add("Hồ sơ", "Cổng Dịch vụ công chưa ghi rõ, xem bản đầy đủ theo đường dẫn bên dưới");
  else add("Hồ sơ", hasDocuments(procedure) ? summarizeDocuments(procedure, LINE_MAX) : "");
  add("Thời gian", channelGroupsInline(channelTimes(procedure)));
  // The headline only (the portal's note is one button away): what is really charged.
  const feeHeadline = (fee: string) => readFeeText(fee).text.split(" (")[0] ?? "";
  add("Lệ phí", channelGroupsInline(groupChannels(procedure.channels, (c) => feeHeadline(c.fee))));
  const levels = procedure.levels
    .map(cleanInline)
    .filter((l) => !isBlank(l))
    .join(", ");
  const agency = agencyText(procedure) || (isBlank(procedure.address) ? placeByLevel(procedure) : "");
  add("Nơi nộp", agency && levels ? `${agency} (${levels})` : agency || levels);
  if (procedure.channels.length > 0) {
    add("Nộp trực tuyến", isOnline(procedure) ? "Có" : "Chưa (chỉ nộp trực tiếp hoặc qua bưu chính)");
  }
  if (lines.length === 1) lines.push("Cổng Dịch vụ công quốc gia chưa có thêm thông tin về thủ tục này.");
  lines.push("Bạn muốn xem phần nào? Bấm nút bên dưới.");
  return lines.join("\n");
}
