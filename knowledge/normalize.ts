/** Longest input we analyse; the rest of a message is ignored so huge pastes stay fast. */
export const MAX_ANALYSED_CHARS = 600;

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const TOKEN = /[\p{L}\p{N}]+/gu;
const VOWEL = /[aeiouy]/;
const TELEX_MARKS = /[sfrxjwz]/g;

/**
 * Chat spellings and shorthand citizens type, keyed by the folded token, mapped to folded words.
 * Domain abbreviations (CCCD, GPLX, …) live in the editable synonym file instead.
 */
const CHAT_WORDS: Record<string, string> = {
  ko: "khong",
  k: "khong",
  kg: "khong",
  kh: "khong",
  khg: "khong",
  hok: "khong",
  hem: "khong",
  hk: "khong",
  kp: "khong phai",
  dc: "duoc",
  dk: "dang ky",
  dky: "dang ky",
  dki: "dang ky",
  dkkd: "dang ky kinh doanh",
  j: "gi",
  ji: "gi",
  mik: "minh",
  mk: "minh",
  mjk: "minh",
  mh: "minh",
  z: "vay",
  dz: "vay",
  zay: "vay",
  dzay: "vay",
  v: "vay",
  bn: "bao nhieu",
  bnh: "bao nhieu",
  ntn: "nhu the nao",
  ns: "noi",
  vs: "voi",
  r: "roi",
  oy: "roi",
  ng: "nguoi",
  cx: "cung",
  cg: "cung",
  trc: "truoc",
  nc: "nuoc",
  lm: "lam",
  ms: "moi",
  nhiu: "nhieu",
  bik: "biet",
  bit: "biet",
  thui: "thoi",
  dag: "dang",
  wa: "qua",
  qa: "qua",
  kq: "ket qua",
  tg: "thoi gian",
  tgian: "thoi gian",
  ck: "chong",
  vk: "vo",
  bme: "bo me",
  hs: "ho so",
  gt: "giay to",
  gd: "gia dinh",
  sdt: "so dien thoai",
  tp: "thanh pho",
  ad: "admin",
  e: "em",
  t: "toi",
  s: "sao",
  ik: "di",
  ak: "a",
  cavet: "ca vet",
};

/** Lower-cases, composes (NFC) and caps a message; the first step of every analysis. */
export function prepareText(text: string): string {
  const nfc = String(text ?? "").normalize("NFC");
  return (nfc.length > MAX_ANALYSED_CHARS ? nfc.slice(0, MAX_ANALYSED_CHARS) : nfc).toLowerCase();
}

/** Removes Vietnamese diacritics and maps đ to d, so accented and plain spellings compare equal. */
export function foldDiacritics(text: string): string {
  return text.normalize("NFD").replace(COMBINING_MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

/** Lower-cases and folds a text whole (no tokens), for comparing words with or without diacritics. */
export function foldLower(text: string): string {
  return foldDiacritics(String(text).normalize("NFC").toLowerCase());
}

/**
 * Repairs a plain-ASCII syllable typed with Telex but no input method ("dangw", "kys", "giaays",
 * "dduwowngf") and squeezes letters repeated for emphasis ("nhaaa"), because such tokens would
 * otherwise never match the folded vocabulary.
 */
export function repairSyllable(token: string): string {
  if (/\d/.test(token)) return token;
  const first = token.search(VOWEL);
  if (first < 0) {
    // "nhw" (như) uses w as the vowel ư; anything else without a vowel is an acronym.
    return /w/.test(token) && token.length > 1 ? token.replace(/w/g, "u").replace(TELEX_MARKS, "") : token;
  }
  let head = token.slice(0, first);
  if (head.startsWith("dd")) head = head.slice(1);
  const tail = token.slice(first).replace(TELEX_MARKS, "");
  return squeezeRepeats(head + tail);
}

/** Collapses runs of a letter (3+ of any, or doubled a/e/o from Telex â/ê/ô) to one letter. */
function squeezeRepeats(token: string): string {
  return token.replace(/(.)\1{2,}/g, "$1").replace(/([aeo])\1/g, "$1");
}

/**
 * Turns a message into folded search tokens: NFC, lower case, capped length, diacritics folded
 * (đ→d), Telex leftovers repaired, emphasis repeats squeezed and chat spellings expanded, so that
 * "Đăng ký", "dang ky", "dangw kys" and "đk" all give the same tokens. Words found in the optional
 * vocabulary (e.g. "internet" from procedure names) are kept as they are.
 */
export function normalizeTokens(text: string, vocabulary?: ReadonlySet<string>): string[] {
  const prepared = prepareText(text);
  const out: string[] = [];
  for (const match of prepared.matchAll(TOKEN)) {
    const raw = match[0];
    const folded = foldDiacritics(raw);
    const direct = CHAT_WORDS[folded];
    if (direct !== undefined) {
      pushWords(out, direct);
      continue;
    }
    const known = vocabulary?.has(folded) === true;
    const repaired = known ? folded : folded === raw ? repairSyllable(folded) : squeezeRepeats(folded);
    const chat = CHAT_WORDS[repaired];
    if (chat !== undefined) pushWords(out, chat);
    else out.push(canonicalSyllable(repaired));
  }
  return out;
}

function pushWords(out: string[], words: string): void {
  for (const w of words.split(" ")) out.push(canonicalSyllable(w));
}

/**
 * Maps the i/y spelling variants of a folded syllable to one form ("ky"→"ki", "sy"→"si",
 * "ly"→"li"), because both spellings are official ("liệt sĩ"/"liệt sỹ", "kỹ"/"kĩ").
 */
export function canonicalSyllable(token: string): string {
  return token.length > 1 && token.endsWith("y") && /^[^aeiouy]+y$/.test(token)
    ? `${token.slice(0, -1)}i`
    : token;
}

/** The normalized message as one space-separated folded string (for phrase patterns). */
export function normalizeText(text: string, vocabulary?: ReadonlySet<string>): string {
  return normalizeTokens(text, vocabulary).join(" ");
}

/** Folds a trusted text (a procedure name, a dictionary entry) into tokens without chat or Telex repair. */
export function foldTokens(text: string): string[] {
  return (foldLower(text).match(TOKEN) ?? []).map(canonicalSyllable);
}

/**
 * A syllable's spelling with its diacritics, compared i/y-insensitively ("kỹ" and "kĩ" agree):
 * the folded canonical syllable followed by its marks, so "mại" and "mai" differ.
 */
export function accentKey(token: string): string {
  const nfd = token.normalize("NFC").toLowerCase().normalize("NFD");
  const marks = (nfd.match(COMBINING_MARKS) ?? []).join("") + (nfd.includes("đ") ? "đ" : "");
  return canonicalSyllable(foldDiacritics(nfd)) + marks;
}

/**
 * The accent keys of a message's words by folded term (unigrams and bigrams), or undefined when
 * the message is typed without diacritics (then only folded spellings can be compared).
 */
export function accentedTerms(text: string): Map<string, Set<string>> | undefined {
  const raw = [...prepareText(text).matchAll(TOKEN)].map((m) => m[0]).filter((t) => !/\d/.test(t));
  const marked = raw.filter((t) => foldDiacritics(t) !== t).length;
  if (raw.length === 0 || marked < 2 || marked / raw.length < 0.4) return undefined;
  const out = new Map<string, Set<string>>();
  const put = (term: string, key: string) => {
    const set = out.get(term) ?? new Set<string>();
    set.add(key);
    out.set(term, set);
  };
  const folded = raw.map((t) => canonicalSyllable(foldDiacritics(t)));
  const keys = raw.map(accentKey);
  folded.forEach((f, i) => {
    put(f, keys[i] as string);
    if (i + 1 < folded.length) put(`${f} ${folded[i + 1]}`, `${keys[i]} ${keys[i + 1]}`);
  });
  return out;
}

/** Accent keys of a trusted text's words and adjacent pairs (a procedure name). */
export function accentKeysOf(text: string): string[] {
  const words = (String(text).normalize("NFC").toLowerCase().match(TOKEN) ?? []).map(accentKey);
  const out = [...words];
  for (let i = 0; i + 1 < words.length; i++) out.push(`${words[i]} ${words[i + 1]}`);
  return out;
}
