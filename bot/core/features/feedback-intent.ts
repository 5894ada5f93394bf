import { parseTrackingCode } from "../../../feedback/tracking-code.js";
import { normalizeText } from "../../../knowledge/normalize.js";

/** What a free message is about, as far as the PAKN intake is concerned. */
export type FeedbackIntent =
  | { type: "track"; code: string }
  | { type: "own_list" }
  | { type: "complaint_path" };

const fold = (text: string) =>
  ` ${normalizeText(text)
    .replace(/[^\p{L}\p{N} ]/gu, " ")
    .replace(/\s+/g, " ")
    .trim()} `;

// Folded phrases (spaces around, so "ngap" does not match inside another word).
const KHIEU_NAI = / khieu nai | khieu kien /;
const TO_CAO_ACCENTED = /tố\s+cáo/i;
const TO_CAO_FOLDED =
  / (?:muon|di|gui|don|viec|bi|se|can|de|dinh) to cao | to cao (?:can bo|chu tich|ong|ba|hanh vi|tham nhung|sai pham)/;

/** Procedure questions ("… cần gì", "thủ tục …"): they go to the knowledge base even when they name a complaint. */
const QUESTION =
  / (?:can gi|can giay to gi|can nhung gi|giay to gi|thu tuc|ho so gom|le phi|bao nhieu|bao lau|o dau|nhu the nao|the nao|lam sao|co duoc khong|co phai|mat bao|mau don|nop o|co (?:\S+ ){1,12}(?:khong|chua)) $|^ (?:co|cho hoi|xin hoi|hoi) /;

/** Whether a message names a complaint (khiếu nại) or a denunciation (tố cáo). */
export function mentionsComplaintOrDenunciation(text: string): boolean {
  const folded = fold(text);
  return KHIEU_NAI.test(folded) || TO_CAO_ACCENTED.test(text) || TO_CAO_FOLDED.test(folded);
}

/** Whether a message asks about a procedure (how, what, where, how much, whether …). */
export function isProcedureQuestion(text: string): boolean {
  const folded = fold(text);
  return (
    QUESTION.test(folded) ||
    / (?:giai quyet|thu tuc|quy trinh|thoi han|thoi hieu) (?:khieu nai|to cao) /.test(folded)
  );
}

/**
 * Reads a free message for the PAKN intake: a tracking code to look up, a request for one's own
 * list, or a complaint or denunciation (their own legal path). Undefined for everything else:
 * questions and reported problems go to the knowledge base, which reads reports from data
 * (assets/report-cues.tsv).
 */
export function classifyFeedbackMessage(text: string): FeedbackIntent | undefined {
  const folded = fold(text);
  const code = parseTrackingCode(text);
  if (code && (folded.split(" ").length <= 12 || / tra cuu | kiem tra | xem /.test(folded))) {
    return { type: "track", code };
  }
  if (
    / (?:phan anh|kien nghi|pakn|cau hoi) (?:da gui )?cua (?:toi|minh|em|tui) /.test(folded) ||
    /^ (?:tra cuu|xem) (?:phan anh|kien nghi|pakn) $/.test(folded)
  ) {
    return { type: "own_list" };
  }
  if (mentionsComplaintOrDenunciation(text) && !isProcedureQuestion(text)) return { type: "complaint_path" };
  return undefined;
}
