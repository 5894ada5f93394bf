import { foldDiacritics, foldLower } from "../knowledge/normalize.js";

/**
 * People's names in Vietnamese text, found without a dictionary of names: after a title (ông,
 * bà, anh, chị …) or a role (sinh viên, giáo viên …), after the writer introducing themselves
 * ("tôi tên là", "Tôi:", "Người gửi:"), as a full name led by a common family name, and as a
 * signature closing the text. Offices, bodies, places and already-anonymised initials are kept.
 */

/** A capitalised word ("Nhật") or one in capitals ("NHẬT"); names never cross a line. */
const CAP = String.raw`(?:\p{Lu}{2,}(?![\p{Ll}\p{M}])|\p{Lu}[\p{Ll}\p{M}]*)`;
const NAME = String.raw`${CAP}(?:[ \t]+${CAP}){0,4}`;
/** Both spellings of a word's first letter ("[ôÔ]ng"), so a title may open a sentence. */
const anyCase = (w: string) => `[${w[0]}${w[0]?.toUpperCase()}]${w.slice(1)}`;
const alternatives = (words: string[]) =>
  words
    .sort((a, b) => b.length - a.length)
    .map(anyCase)
    .join("|");

const HONORIFICS = ["ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cháu", "cụ", "ÔNG", "BÀ"];
const ROLES = [
  "sinh viên",
  "học sinh",
  "giáo viên",
  "cán bộ",
  "công chức",
  "viên chức",
  "đồng chí",
  "bạn đọc",
  "độc giả",
  "bạn",
  "thầy giáo",
  "cô giáo",
  "thầy",
  "bác sĩ",
  "luật sư",
  "chủ hộ",
  "hộ gia đình",
];
const INTRODUCTIONS = [
  "tôi tên là",
  "tên tôi là",
  "tôi tên",
  "tôi là",
  "em tên là",
  "em là",
  "mình tên là",
  "mình là",
  "cháu tên là",
  "cháu là",
  "họ và tên",
  "họ tên",
  "người gửi",
  "người viết",
  "người phản ánh",
  "ký tên",
  "toi ten la",
  "ten toi la",
  "toi la",
  "em ten la",
  "em la",
  "minh la",
];
const TITLED = new RegExp(
  String.raw`(?<![\p{L}])(${alternatives([...HONORIFICS, ...ROLES])})([ \t]+)(${NAME})`,
  "gu",
);
const INTRODUCED = new RegExp(
  String.raw`(?<![\p{L}])((?:${alternatives(INTRODUCTIONS)})[ \t]*:?[ \t]*|[tT]ôi[ \t]*:[ \t]*)(${NAME})`,
  "gu",
);

/**
 * Words after a title or an introduction that begin an office, a body, a job, a document or a
 * greeting, not a name; compared with their diacritics, since folded "Đảng" would be "Đặng".
 */
const NOT_A_NAME = (
  "chủ tịch|chủ nhiệm|chủ nhật|chủ đầu tư|chủ hộ|chủ doanh nghiệp|phó|giám đốc|trưởng|tổng|bí thư|bộ|thủ tướng|" +
  "thứ trưởng|cục|chi cục|chánh|viện|hiệu trưởng|công ty|cty|sở|phòng|ban|ủy ban|uỷ ban|ubnd|hđnd|thanh tra|tòa|" +
  "toà|nhà nước|trung tâm|doanh nghiệp|hợp tác xã|htx|bệnh viện|luật|nghị định|thông tư|quyết định|điều|khoản|" +
  "chính phủ|quốc hội|đảng|giáo viên|sinh viên|học sinh|kỹ sư|kĩ sư|bác sĩ|nông dân|công nhân|cán bộ|công chức|" +
  "viên chức|thương binh|cựu chiến binh|người|xin cảm ơn|cảm ơn|trân trọng|kính gửi|kính thư|thân ái|" +
  "trường tiểu|trường thcs|trường thpt|trường mầm|trường đại|trường cao|trường trung|trường học|trường chính|" +
  "trạm|văn phòng|nhà máy|xí nghiệp|ngân hàng|kho bạc|liên đoàn|mặt trận|công an|quân đội|huyện|xã|phường|tỉnh|" +
  "thành phố|thị xã|thị trấn|quận|thôn|xóm|ấp|hạt|chi nhánh|tập đoàn|tổ|tiểu học|trung học|mầm non|hạng|xin|" +
  "địa chính|tư pháp|văn hóa|văn hoá|tài chính|kế toán|thống kê|xã hội|quân sự|thuế|hải quan"
).split("|");
/** Places and people of history that begin with a title word. */
const TITLE_PHRASES = new Set([
  "ba ria",
  "anh son",
  "co to",
  "bac ai",
  "ba den",
  "ba chieu",
  "ba diem",
  "anh quoc",
  "bac ho",
]);

/** Provinces (short names, folded): never a person after a role word or as a full name. */
const PROVINCES = new Set(
  (
    "an giang|ba ria|bac giang|bac kan|bac lieu|bac ninh|ben tre|binh dinh|binh duong|binh phuoc|binh thuan|ca mau|" +
    "can tho|cao bang|da nang|dak lak|dak nong|dien bien|dong nai|dong thap|gia lai|ha giang|ha nam|ha noi|ha tinh|" +
    "hai duong|hai phong|hau giang|hoa binh|hung yen|khanh hoa|kien giang|kon tum|lai chau|lam dong|lang son|lao cai|" +
    "long an|nam dinh|nghe an|ninh binh|ninh thuan|phu tho|phu yen|quang binh|quang nam|quang ngai|quang ninh|" +
    "quang tri|soc trang|son la|tay ninh|thai binh|thai nguyen|thanh hoa|ho chi minh|hue|tien giang|tra vinh|" +
    "tuyen quang|vinh long|vinh phuc|yen bai|viet nam|trung quoc|nhat ban|han quoc|thai lan"
  ).split("|"),
);

const lower = (s: string) => s.normalize("NFC").toLowerCase();
const startsWithPhrase = (text: string, phrases: readonly string[]) =>
  phrases.some((p) => text.startsWith(p) && !/[\p{L}\p{N}]/u.test(text[p.length] ?? ""));

/** The shape of a Vietnamese syllable (folded): initial consonants, vowels, an allowed final. */
const SYLLABLE = /^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?[aeiouy]+(?:ch|nh|ng|[cmnpt])?$/;

/** Whether a word can be a Vietnamese syllable (so part of a Vietnamese name). */
export function isSyllable(word: string): boolean {
  return SYLLABLE.test(foldLower(word));
}

/** The words of a candidate name up to the first that begins an office or a body. */
function nameWords(candidate: string): string[] {
  const words = candidate.split(/[ \t]+/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (startsWithPhrase(lower(words.slice(i).join(" ")), NOT_A_NAME)) break;
    // A name is made of Vietnamese syllables: not an acronym (THCS, UBND) nor a foreign word (Email, Form).
    if (!isSyllable(words[i] as string)) break;
    out.push(words[i] as string);
  }
  return out;
}

function isPlace(words: string[]): boolean {
  const folded = foldLower(words.join(" "));
  return [...PROVINCES].some((p) => folded === p || folded.startsWith(`${p} `));
}

/** Replaces `name` (found right after `lead`) when it is a person's name; keeps what follows it. */
function replaceName(
  lead: string,
  candidate: string,
  after: string,
  by: string,
  role: boolean,
): string | undefined {
  if (startsWithPhrase(lower(`${candidate}${after.slice(0, 40)}`), NOT_A_NAME)) return undefined;
  const words = nameWords(candidate);
  if (words.length === 0) return undefined;
  // "ông C", "bà T.T.H": the writer already anonymised the person.
  if ((words[0] as string).length === 1) return undefined;
  if (TITLE_PHRASES.has(foldLower(`${lead.trim()} ${words[0]}`))) return undefined;
  if (role && isPlace(words)) return undefined;
  return `${by}${candidate.slice(words.join(" ").length)}`;
}

const SURNAMES = (
  "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đoàn Trịnh Mai Trương Lâm Lương " +
  "La Hà Cao Kiều Quách Tạ Chu Thái Lưu Tống Triệu Khúc Lại Giang Nông Kim Diệp Khổng Tăng Thạch Mạc Lò Lữ Vương " +
  "Đàm Phùng Tiêu Tôn Doãn Lục Âu"
).split(" ");
/** Each family name as written, in capitals, and typed without diacritics. */
const SURNAME_FORMS = [
  ...new Set(
    SURNAMES.flatMap((s) => [s, s.toUpperCase(), foldDiacritics(s), foldDiacritics(s).toUpperCase()]),
  ),
].sort((a, b) => b.length - a.length);
const FULL_NAME = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${SURNAME_FORMS.join("|")})(?:[ \t]+${CAP}){1,4}(?![\p{L}])`,
  "gu",
);
/** Words before a name-like sequence that make it a street, a school, a place, a business or history. */
const PLACE_BEFORE = new Set(
  (
    "đường phố ngõ hẻm kiệt ngách quận huyện phường xã trấn tp tỉnh trường thcs thpt học non cầu chợ viện lăng " +
    "tượng đền chùa quảng khu cụm thôn xóm ấp tổ số lộ tư ba nút ty cty htx dntn nghiệp đoàn nhánh giải chương " +
    "tưởng tịch bác"
  ).split(" "),
);

function fullName(text: string, match: string, at: number, by: string): string {
  const before = text.slice(Math.max(0, at - 30), at);
  const previous = lower(/([\p{L}]+)[^\p{L}]*$/u.exec(before)?.[1] ?? "");
  if (PLACE_BEFORE.has(previous) || /\d[\s,.]*$/.test(before)) return match;
  const words = nameWords(match);
  if (words.length < 3 || isPlace(words)) return match;
  return `${by}${match.slice(words.join(" ").length)}`;
}

/** The last line or sentence when it is only a name: a signature. */
const SIGNATURE = new RegExp(
  String.raw`(^|\n|[.!?…,][ \t]*)(${CAP}(?:[ \t]+${CAP}){1,4})([ \t]*[.!]?\s*)$`,
  "u",
);

/** Replaces people's names with `by`, keeping titles, offices, bodies and places. */
export function redactNames(input: string, by: string): string {
  let text = input.replace(
    TITLED,
    (m, lead: string, space: string, candidate: string, at: number, all: string) => {
      const after = all.slice(at + m.length);
      const role = !HONORIFICS.some((h) => h.toLowerCase() === lead.toLowerCase());
      const replaced = replaceName(lead, candidate, after, by, role);
      return replaced === undefined ? m : `${lead}${space}${replaced}`;
    },
  );
  text = text.replace(INTRODUCED, (m, lead: string, candidate: string, at: number, all: string) => {
    const replaced = replaceName("", candidate, all.slice(at + m.length), by, false);
    return replaced === undefined ? m : `${lead}${replaced}`;
  });
  text = text.replace(FULL_NAME, (m, at: number, all: string) => fullName(all, m, at, by));
  return text.replace(SIGNATURE, (m, lead: string, candidate: string, tail: string) => {
    const words = nameWords(candidate);
    if (words.length !== candidate.split(/[ \t]+/).length || isPlace(words)) return m;
    return `${lead}${by}${tail}`;
  });
}
