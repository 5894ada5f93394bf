import { parseTrackingCode } from "../../../feedback/tracking-code.js";
import { normalizeText } from "../../../knowledge/normalize.js";

/** What a free message is about, as far as the PAKN intake is concerned. */
export type FeedbackIntent =
  | { type: "track"; code: string }
  | { type: "own_list" }
  | { type: "complaint_path" }
  | { type: "feedback" };

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

/** Phrases that on their own mark a complaint or a recommendation to the authorities. */
const STRONG: RegExp[] = [
  / (?:muon|can|xin|de|gui|co y kien) (?:phan anh|kien nghi|gop y) /,
  / (?:phan anh|kien nghi) (?:viec|ve|tinh trang|voi|len) /,
  / tre hen | qua hen | cham tra (?:ket qua|ho so) | hen (?:di )?hen lai /,
  / (?:bat|yeu cau|doi) bo sung .*(?:may|nhieu|bao nhieu) lan /,
  / bo sung (?:giay to |ho so )?(?:may|nhieu|hoai|\d+) lan /,
  / gay kho (?:de|khan) | hach dich | nhung nhieu | cua quyen | thai do (?:kem|khong tot|cau gat|tho lo|hach dich) /,
  / (?:doi|xin|vong|bat) (?:tien|phong bi|boi duong) | tien (?:ca phe|boi duong|bo tui) | (?:thu|lay) them tien /,
  / (?:den duong|den chieu sang)(?: .*)? (?:hong|tat|khong sang|chap chon|chay) /,
  / (?:duong|ngo|hem|cau|mat duong|cong thoat nuoc|cong ranh)(?: .*)? (?:hong|xuong cap|sut lun|nut|o ga|sat lo|bi vo|ngap) /,
  / (?:ngap|ngap ung|ngap nuoc|ung ngap) /,
  / rac(?: thai)?(?: .*)? (?:khong (?:ai )?(?:thu gom|don)|ton dong|boc mui|vut bua|do trom|chat dong) /,
  / (?:o nhiem|boc mui|hoi thoi|khoi bui|tieng on|xa thai|nuoc thai) /,
  / (?:mat nuoc|mat dien|cup dien|cat dien|cat nuoc)(?: .*)? (?:lien tuc|nhieu ngay|thuong xuyen|ca tuan|may ngay|khong bao) /,
  / (?:lan chiem|xay (?:dung )?trai phep|xay khong phep|chiem dung via he) /,
  / (?:khong (?:ai )?(?:giai quyet|tra loi|xu ly)|de qua lau|ngam ho so|om ho so|tham nhung|tieu cuc) /,
];

/** Procedure questions ("… cần gì", "thủ tục …"): never taken for a complaint on weak evidence. */
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

/** Whether a message reads like a complaint or a recommendation about a public matter. */
export function looksLikeFeedback(text: string): boolean {
  const folded = fold(text);
  const hits = STRONG.filter((re) => re.test(folded)).length;
  if (hits === 0) return false;
  // "hồ sơ trễ hẹn thì làm thế nào" is still a grievance; one weak hit inside a question is not.
  return (
    !QUESTION.test(folded) ||
    hits >= 2 ||
    / tre hen | gay kho | nhung nhieu | (?:may|nhieu) lan /.test(folded)
  );
}

/**
 * Reads a free message for the PAKN intake: a tracking code to look up, a request for one's own
 * list, a complaint or denunciation (their own legal path), or a complaint-like message to offer
 * the intake for. Undefined for everything else (procedure questions go to the knowledge base).
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
  if (looksLikeFeedback(text)) return { type: "feedback" };
  return undefined;
}
