import type { Random } from "../../scripts/lib/seeded-random.js";

/** Strings that have broken, or could break, a handler: control characters, odd numbers and dates, markup, sizes. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "Đường ngập\u0000 sâu",
  "\u0001\u0007\u001b\u007f",
  "\r\n\t",
  "-1",
  "0",
  "1.5",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "2147483648",
  "9007199254740993",
  "99999999999999999999999",
  "-99999999999999999999999",
  "9999-12-31",
  "0000-00-00",
  "2026-02-31",
  "2026-13-01",
  "31/12/9999",
  "00/00/0000",
  "9999-12",
  "0000-01",
  "13/2026",
  "275760-09-13",
  "-000001-01-01T00:00:00Z",
  "2026-03-10T25:61:61+99:99",
  "PAKN.20260310.0001",
  "PAKN.99999999.99999999999",
  "pakn.00000000.0000",
  "'; DROP TABLE pakn; --",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00",
  "%",
  "true",
  "null",
  "[]",
  "{}",
  "__proto__",
  "constructor",
  "\ud800",
  "\udfff\ud800",
  "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🙂👨‍👩‍👧",
  "Ｎｇｕｙễｎ",
  "\u202eevil\u202c",
  "a\u0301\u0302\u0303\u0304",
  "ngap nuoc",
  "x".repeat(5_000),
  "ạ".repeat(3_000),
];

/** A string from the list, a random mix of code points from awkward ranges, or a number or date as text. */
export function hostileString(rnd: Random): string {
  const kind = rnd.int(0, 9);
  if (kind <= 5) return rnd.pick(HOSTILE_STRINGS);
  if (kind === 6)
    return String(rnd.pick([-1, 0, 1, 2 ** 31, 2 ** 53, -(2 ** 63), 1e21, 0.1]) * rnd.int(-3, 3));
  if (kind === 7) return new Date(rnd.int(-8.64e15, 8.64e15)).toISOString();
  const ranges: Array<[number, number]> = [
    [0x00, 0x1f],
    [0x20, 0x7e],
    [0x80, 0x9f],
    [0xc0, 0x1ef9],
    [0x300, 0x36f],
    [0xd800, 0xdfff],
    [0xfff0, 0xffff],
    [0x1f600, 0x1f64f],
  ];
  let out = "";
  for (let i = rnd.int(1, 40); i > 0; i--) {
    const [lo, hi] = rnd.pick(ranges);
    out += String.fromCodePoint(rnd.int(lo, hi));
  }
  return out;
}

/** Percent-encodes a string for a URL, even a lone surrogate (as the bytes of its invalid UTF-8). */
export function encodeHostile(text: string): string {
  let out = "";
  for (const ch of text) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      out += "%ED%A0%80";
    }
  }
  return out;
}

/** Raw URL pieces that are not valid percent-encoding or that try to climb out of a path. */
const RAW_URL_PIECES = [
  "%00",
  "%ZZ",
  "%",
  "%C0%AE%C0%AE",
  "..%2F..%2Fetc%2Fpasswd",
  "%E0%A4%A",
  "%FF%FE",
  "a%2Fb",
];

/** A path parameter: a plausible value (when there is one) or a hostile one, encoded for the URL. */
export function pathValue(rnd: Random, plausible: readonly string[]): string {
  if (plausible.length > 0 && rnd.chance(0.45)) return encodeURIComponent(rnd.pick(plausible));
  if (rnd.chance(0.15)) return rnd.pick(RAW_URL_PIECES);
  const value = encodeHostile(hostileString(rnd));
  return value === "" ? "%20" : value;
}

/** A query string (with its "?") of known and random names, hostile values, some repeated. */
export function hostileQuery(rnd: Random, names: readonly string[]): string {
  const pairs: string[] = [];
  for (let i = rnd.int(0, 5); i > 0; i--) {
    const name = rnd.chance(0.85) ? rnd.pick(names) : encodeHostile(hostileString(rnd));
    for (let n = rnd.chance(0.25) ? rnd.int(2, 3) : 1; n > 0; n--)
      pairs.push(`${name}=${rnd.chance(0.1) ? rnd.pick(RAW_URL_PIECES) : encodeHostile(hostileString(rnd))}`);
  }
  if (rnd.chance(0.1)) pairs.push(rnd.pick(["&&&", "=x", "a[b]=1", "a=1;b=2", "%ZZ=%ZZ", "q"]));
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

/** A JSON value of the wrong type, size or shape. */
function hostileJson(rnd: Random, depth = 0): unknown {
  const kind = rnd.int(0, 9);
  if (kind <= 3 || depth > 2) return hostileString(rnd);
  if (kind === 4) return rnd.pick([-1, 0, 1.5, 1e308, -1e308, 2 ** 53 + 2, -0]);
  if (kind === 5) return rnd.pick([true, false, null]);
  if (kind === 6) return Array.from({ length: rnd.int(0, 3) }, () => hostileJson(rnd, depth + 1));
  if (kind === 7) {
    let deep: unknown = "x";
    for (let i = rnd.int(100, 2_000); i > 0; i--) deep = [deep];
    return deep;
  }
  return { [rnd.pick(["__proto__", "constructor", "text", "a"])]: hostileJson(rnd, depth + 1) };
}

/** A request body: its bytes and content type (undefined: none sent). */
export interface HostileBody {
  payload?: string | Buffer;
  contentType?: string;
}

/**
 * A body of the right or wrong kind: JSON objects with the app's field names and hostile values,
 * JSON of the wrong type or malformed, forms (with the CSRF token when given), invalid UTF-8, other
 * content types, multipart junk, and now and then one larger than any limit.
 */
export function hostileBody(rnd: Random, fields: readonly string[], csrf?: string): HostileBody {
  const object = () => {
    const out: Record<string, unknown> = {};
    for (let i = rnd.int(0, 6); i > 0; i--) out[rnd.pick(fields)] = hostileJson(rnd);
    if (csrf && rnd.chance(0.6)) out._csrf = csrf;
    return out;
  };
  const form = () => {
    const pairs: string[] = csrf && rnd.chance(0.7) ? [`_csrf=${encodeURIComponent(csrf)}`] : [];
    for (let i = rnd.int(0, 6); i > 0; i--) {
      const name = rnd.pick(fields);
      for (let n = rnd.chance(0.2) ? 2 : 1; n > 0; n--)
        pairs.push(`${name}=${encodeHostile(hostileString(rnd))}`);
    }
    return pairs.join("&");
  };
  switch (rnd.int(0, 11)) {
    case 0:
    case 1:
    case 2:
      return { payload: JSON.stringify(object()), contentType: "application/json" };
    case 3:
      return { payload: JSON.stringify(hostileJson(rnd)), contentType: "application/json" };
    case 4:
      return {
        payload: rnd.pick(["{not json", "", '{"a":', "\u0000", "[1,]", '{"text":"\\ud800"}', "1e999"]),
        contentType: rnd.pick(["application/json", "application/json; charset=latin1", "APPLICATION/JSON"]),
      };
    case 5:
    case 6:
      return { payload: form(), contentType: "application/x-www-form-urlencoded" };
    case 7:
      return {
        payload: Buffer.concat([
          Buffer.from('{"text":"'),
          Buffer.from([0xc3, 0x28, 0xff, 0x00]),
          Buffer.from('"}'),
        ]),
        contentType: rnd.pick(["application/json", "application/x-www-form-urlencoded"]),
      };
    case 8:
      return {
        payload: rnd.pick([
          "text=hi",
          "<x>&xxe;</x>",
          "\u0000\u0001",
          '--b\r\nContent-Disposition: form-data; name="file"\r\n\r\nx\r\n--b--',
        ]),
        contentType: rnd.pick([
          "text/plain",
          "application/xml",
          "multipart/form-data",
          "multipart/form-data; boundary=b",
          "application/octet-stream",
          "image/png",
          "x/\u00ff",
          "",
        ]),
      };
    case 9:
      if (rnd.chance(0.3)) {
        const big = "ạ".repeat(rnd.pick([600_000, 1_200_000]));
        return rnd.chance(0.5)
          ? { payload: JSON.stringify({ text: big }), contentType: "application/json" }
          : { payload: `content=${big}`, contentType: "application/x-www-form-urlencoded" };
      }
      return {};
    default:
      return {};
  }
}
