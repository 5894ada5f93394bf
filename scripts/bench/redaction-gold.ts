/**
 * Personal-data detectors for measuring redaction, written apart from feedback/redact.ts (word
 * scanning with a surname list and trigger phrases, digits normalised and validated) so the
 * benchmark does not grade redact.ts against itself. They over-approximate on purpose; the
 * hand-checked sample says how far they can be trusted.
 */

/** What a span of personal data is. */
export type PiiKind = "name" | "phone" | "id" | "email" | "plate" | "address" | "birth";

/** A span of personal data in a text (character offsets, end exclusive). */
export interface PiiSpan {
  kind: PiiKind;
  start: number;
  end: number;
  text: string;
  /** Could as well be a place or a business ("Thạch Ngọc", "Lý Ngân"): counted neither way. */
  ambiguous?: boolean;
}

/** Folds case and Vietnamese diacritics (đ→d) for word lists. */
export function fold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .toLowerCase();
}

/** The most common Vietnamese family names (more than 95% of people), with diacritics, lower case. */
const SURNAMES_EXACT = new Set(
  (
    "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đoàn trịnh mai trương lâm lương " +
    "la hà cao kiều quách tạ chu thái lưu tống triệu khúc lại giang nông kim diệp khổng tăng thạch mạc lò lữ vương " +
    "đàm phùng tiêu âu tôn doãn lục"
  ).split(" "),
);
/** The same, folded, for names typed without diacritics. */
const SURNAMES = new Set(
  (
    "nguyen tran le pham hoang huynh phan vu vo dang bui do ho ngo duong ly dinh doan trinh mai truong lam luong " +
    "la ha cao kieu quach ta chu thai luu tong trieu khuc lai giang nong kim diep khong tang thach mac lo lu " +
    "vuong dam phung tieu uong au ton"
  ).split(" "),
);
/** Titles before a name, with their diacritics (folded, "bác" would be "Bắc" Ninh too). */
const HONORIFICS = new Set("ông bà anh chị em cô chú bác cháu cụ".split(" "));
/** Provinces, cities and places that begin with a family name ("Hà Tĩnh", "Lâm Đồng"), folded. */
const SURNAME_PLACES = new Set(
  (
    "ha noi|ha tinh|ha giang|ha nam|ha long|ha dong|ho chi minh|lam dong|cao bang|thai binh|thai nguyen|" +
    "phan thiet|phan rang|ly son|mai chau|truong sa|hoang sa|hoang mai|vu ban|dong hoi|kim bang|tong duy tan|" +
    "thai lan|trung quoc|han quoc|dai loan"
  ).split("|"),
);
/** Words that introduce the writer's or someone's name (with diacritics, or typed plain), as word sequences. */
const INTRODUCERS = (
  "tôi tên là|tên tôi là|tôi là|em tên là|em là|mình tên là|cháu tên là|họ tên|" +
  "họ và tên|người gửi|người viết|người phản ánh|ký tên|toi ten la|toi la|em la| "
)
  .split("|")
  .map((p) => p.split(" "));
/** Words after a title that begin an office, a body, a job or a date, not a name (lower case, with diacritics). */
const NOT_NAME_PHRASES = (
  "chủ tịch|chủ nhiệm|chủ nhật|chủ đầu tư|chủ hộ|phó|giám đốc|trưởng|tổng|bí thư|bộ|thủ tướng|" +
  "thứ trưởng|cục|chi cục|chánh|viện|hiệu trưởng|công ty|cty|sở|phòng|ban|ủy ban|ubnd|hđnd|thanh tra|" +
  "tòa|nhà nước|trung tâm|doanh nghiệp|hợp tác xã|htx|luật|nghị định|thông tư|quyết định|điều|khoản|" +
  "chính phủ|quốc hội|đảng|ngân hàng|cộng hòa|cộng sản|phần|phụ lục|trường|trạm|thuế|tổ|tiểu học|hạng|" +
  "xin|trân trọng| "
)
  .split("|")
  .map((p) => p.split(" "));
/** Role words before a person's name (lower case, with diacritics). */
const ROLES = [
  "sinh viên",
  "học sinh",
  "giáo viên",
  "bạn đọc",
  "độc giả",
  "đồng chí",
  "luật sư",
  "bác sĩ",
].map((p) => p.split(" "));
/** Places whose names start with a title word ("Bà Rịa", "Anh Sơn"), folded. */
const TITLE_PLACES = new Set([
  "ba ria",
  "anh son",
  "co to",
  "bac ai",
  "ba den",
  "ba chieu",
  "ba diem",
  "anh quoc",
]);
/** Words before a surname-led name that make it a street, school, place, business or historical figure. */
const PLACE_BEFORE = new Set(
  (
    "đường phố ngõ hẻm kiệt ngách quận huyện phường xã thị tp tỉnh trường thcs thpt học cầu chợ viện lăng khu " +
    "cụm thôn tổ số lộ đại quốc tượng bác tịch ty cty htx dntn nghiệp đoàn nhánh tư ba nút"
  ).split(" "),
);

interface Word {
  w: string;
  /** Lower case, with diacritics. */
  l: string;
  f: string;
  start: number;
  end: number;
}

function words(text: string): Word[] {
  return [...text.matchAll(/[\p{L}\p{M}]+|\d+|[^\s]/gu)].map((m) => ({
    w: m[0],
    l: m[0].normalize("NFC").toLowerCase(),
    f: fold(m[0]),
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
  }));
}

const isLetters = (w: string) => /^[\p{L}\p{M}]+$/u.test(w);
/** A capitalised word ("Nhật") or an all-capitals one of two letters or more ("NHẬT"). */
const isCap = (w: string) =>
  isLetters(w) &&
  (/^\p{Lu}[\p{Ll}\p{M}]*$/u.test(w) ||
    (w.length > 1 && /^[\p{Lu}\p{M}]+$/u.test(w) && /[aeiouy]/.test(fold(w))));
const startsWithExact = (ws: Word[], at: number, phrase: string[]) =>
  phrase.every((p, k) => ws[at + k]?.l === p);

/** The capitalised words from `at` on (at most 5), unless they begin an office, a body or a place. */
function nameAt(ws: Word[], at: number, trigger?: Word): [number, number] | undefined {
  if (NOT_NAME_PHRASES.some((p) => startsWithExact(ws, at, p))) return undefined;
  if (trigger && TITLE_PLACES.has(`${trigger.f} ${ws[at]?.f}`)) return undefined;
  let end = at;
  while (
    end < ws.length &&
    end - at < 5 &&
    isCap((ws[end] as Word).w) &&
    !NOT_NAME_PHRASES.some((p) => startsWithExact(ws, end, p))
  )
    end++;
  if (end === at) return undefined;
  // A single capital letter ("ông C", "Anh B") is the newspaper's own anonymisation.
  if (end - at === 1 && (ws[at] as Word).w.length === 1) return undefined;
  return [at, end];
}

/** People's names: after a title or an introduction, and surname-led full names anywhere else. */
export function detectNames(text: string): PiiSpan[] {
  const ws = words(text);
  const out: PiiSpan[] = [];
  const push = (a: number, b: number, ambiguous = false) => {
    const s = (ws[a] as Word).start;
    const e = (ws[b - 1] as Word).end;
    if (!out.some((o) => o.start < e && s < o.end))
      out.push({
        kind: "name",
        start: s,
        end: e,
        text: text.slice(s, e),
        ...(ambiguous ? { ambiguous } : {}),
      });
  };
  for (let i = 0; i < ws.length; i++) {
    const word = ws[i] as Word;
    const intro = INTRODUCERS.find((p) => startsWithExact(ws, i, p));
    if (intro) {
      let at = i + intro.length;
      if (ws[at]?.w === ":") at++;
      const span = nameAt(ws, at);
      if (span) push(...span);
      continue;
    }
    const role = ROLES.find((p) => startsWithExact(ws, i, p));
    if (role) {
      const span = nameAt(ws, i + role.length);
      if (span) push(...span);
      if (span) i = span[1] - 1;
      continue;
    }
    if (HONORIFICS.has(word.l) && !/\p{L}/u.test(text[word.start - 1] ?? "")) {
      const span = nameAt(ws, i + 1, word);
      // A title in capitals is a text in capitals: every word after it looks like a name.
      if (span) push(span[0], span[1], word.w.length > 1 && word.w === word.w.toUpperCase());
      continue;
    }
    const surname = SURNAMES_EXACT.has(word.l) || (word.l === word.f && SURNAMES.has(word.f));
    const prev = ws[i - 1];
    const afterNumber =
      !!prev && (/^\d+$/.test(prev.w) || (prev.w === "," && /^\d+$/.test(ws[i - 2]?.w ?? "")));
    if (surname && isCap(word.w) && !PLACE_BEFORE.has(prev?.l ?? "") && !afterNumber) {
      let end = i + 1;
      while (
        end < ws.length &&
        end - i < 5 &&
        isCap((ws[end] as Word).w) &&
        !NOT_NAME_PHRASES.some((p) => startsWithExact(ws, end, p))
      )
        end++;
      const two = `${word.f} ${ws[i + 1]?.f}`;
      const whole = fold(text.slice(word.start, (ws[end - 1] as Word).end));
      // Two words without a title may be a commune or a business named like a person.
      if (end - i >= 2 && !SURNAME_PLACES.has(two) && !SURNAME_PLACES.has(whole)) push(i, end, end - i === 2);
      i = end - 1;
    }
  }
  return out;
}

/** Vietnamese phone numbers, whatever the separators and the +84/84/0 prefix; hotlines 1800/1900 are public. */
export function detectPhones(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of text.matchAll(/(?:\(?\+?84\)?[\s.-]*|\(?0)\d[\d\s.()-]{6,16}\d/g)) {
    const digits = m[0].replace(/\D/g, "");
    const local = digits.startsWith("84") ? `0${digits.slice(2).replace(/^0/, "")}` : digits;
    if (/^0[35789]\d{8}$/.test(local) || /^02\d{9}$/.test(local))
      out.push({ kind: "phone", start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0] });
  }
  return out;
}

/** CCCD (12 digits, grouped or not) anywhere; CMND (9 digits) and passports after their names. */
export function detectIds(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  for (const m of text.matchAll(/(?<![\d.,])\d[\d .]{7,16}\d(?![\d,]|\.\d)/g)) {
    const digits = m[0].replace(/\D/g, "");
    const before = fold(text.slice(Math.max(0, (m.index ?? 0) - 40), m.index));
    const named = /cmnd|cccd|can cuoc|chung minh|dinh danh|ho chieu/.test(before);
    if ((digits.length === 12 && /^0[0-9]{2}/.test(digits)) || (digits.length === 9 && named))
      out.push({ kind: "id", start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0] });
  }
  for (const m of text.matchAll(/\b[A-Z]\d{7}\b/g)) {
    if (/ho chieu/.test(fold(text.slice(Math.max(0, (m.index ?? 0) - 40), m.index))))
      out.push({ kind: "id", start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0] });
  }
  return out;
}

/** E-mail addresses. */
export function detectEmails(text: string): PiiSpan[] {
  return [...text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gu)].map((m) => ({
    kind: "email" as const,
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    text: m[0],
  }));
}

/** Licence plates: the strict shape anywhere, looser (lower case, old four digits) after "biển số", "BKS", "xe". */
export function detectPlates(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  const shape = /(?<![\p{L}\d])\d{2}[\s-]?[A-Za-z]{1,2}\d?[\s.-]?\d{3}(?:\.?\d{2}|\d)?(?![\p{L}\d])/gu;
  for (const m of text.matchAll(shape)) {
    const strict = /^\d{2}[\s-]?[A-Z]{1,2}\d?[\s.-]?\d{3}\.?\d{2}$/.test(m[0]);
    const named = /(bien so|bks|bien kiem soat|xe)\s*:?\s*$/.test(
      fold(text.slice(Math.max(0, (m.index ?? 0) - 25), m.index)),
    );
    if (strict || named)
      out.push({ kind: "plate", start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, text: m[0] });
  }
  return out;
}

/** House-level addresses: a house number with its street or lane, a hamlet with its number. */
export function detectAddresses(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  const pattern =
    /(?<![\p{L}]|nông\s)(?:(?:số nhà|số)\s+\d+[A-Za-z]?(?:\/\d+)*,?\s+(?:đường|phố|ngõ|hẻm|kiệt|ngách)\s+[\p{Lu}\d][\p{L}\d]*(?:\s+\p{Lu}[\p{L}]*){0,3}|(?:thôn|xóm|ấp|tổ dân phố|tổ)\s+\d+[A-Za-z]?)(?![.,]\d)/giu;
  for (const m of text.matchAll(pattern)) {
    const before = fold(text.slice(Math.max(0, (m.index ?? 0) - 120), m.index));
    // The address of a business or an office is public.
    const body = /(cong ty|cty|dntn|htx|doanh nghiep|cuc |chi cuc|so |ubnd|co quan)[^.]*$/.test(before);
    out.push({
      kind: "address",
      start: m.index ?? 0,
      end: (m.index ?? 0) + m[0].length,
      text: m[0],
      ...(body ? { ambiguous: true } : {}),
    });
  }
  return out;
}

/** Words before "sinh" that make it no person's birth (học sinh, vệ sinh, phát sinh, khai sinh …), folded. */
const NOT_BIRTH_BEFORE = new Set("hoc tuyen phat ve nay khai hy san hoi giang tre nguoi dan niem".split(" "));

/** Dates of birth: a date or a year right after "sinh ngày/năm/tháng", "ngày/năm sinh" or "SN". */
export function detectBirthDates(text: string): PiiSpan[] {
  const out: PiiSpan[] = [];
  const folded = fold(text);
  // fold() may change lengths only for decomposed input; work on NFC text so offsets hold.
  if (folded.length !== text.length) return out;
  const pattern =
    /(?<![a-z])(?:(\w+)\s+)?(?:sinh(?:\s+vao)?\s+(?:ngay|nam|thang)|ngay\s+sinh|nam\s+sinh|sn|sinh)\s*:?\s*(?:la\s+)?(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}|\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+\d{4}|\d{1,2}\/\d{4}|(?:19|20)\d{2}|\d{2})(?![\w/])/g;
  for (const m of folded.matchAll(pattern)) {
    const date = m[2] ?? "";
    if (NOT_BIRTH_BEFORE.has(m[1] ?? "")) continue;
    const lead = m[0].slice((m[1] ?? "").length).trim();
    // "sinh" or "SN" alone: only a full date or a four-digit year; "SN 12 Trần Phú" is a house.
    if (/^(?:sinh|sn)\b(?!\s+(?:vao|ngay|nam|thang))/.test(lead) && /^\d{2}$/.test(date)) continue;
    if (/^sn/.test(lead) && /^\s+[A-ZĐ\u00C0-\u1EF8]/.test(text.slice((m.index ?? 0) + m[0].length)))
      continue;
    const start = (m.index ?? 0) + m[0].length - date.length;
    out.push({
      kind: "birth",
      start,
      end: start + date.length,
      text: text.slice(start, start + date.length),
    });
  }
  return out;
}

/** Every kind of personal data the detectors find, overlapping spans merged into the first found. */
export function detectPii(text: string): PiiSpan[] {
  const all = [
    ...detectEmails(text),
    ...detectPhones(text),
    ...detectIds(text),
    ...detectPlates(text),
    ...detectAddresses(text),
    ...detectBirthDates(text),
    ...detectNames(text),
  ];
  const out: PiiSpan[] = [];
  for (const span of all) if (!out.some((o) => o.start < span.end && span.start < o.end)) out.push(span);
  return out.sort((a, b) => a.start - b.start);
}
