import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "../../lib/errors.js";
import {
  idParam,
  pageParam,
  parseQueryString,
  queryFields,
  readQuery,
  textParam,
  toDbId,
} from "../../web/query-params.js";

describe("query strings", () => {
  it("parses without control characters, repeated names as arrays, and no prototype tricks", () => {
    const query = parseQueryString("q=a%00b%07c&tu=1&tu=2&__proto__=x&%00den=%0A9");
    expect(Object.entries(query)).toEqual([
      ["q", "abc"],
      ["tu", ["1", "2"]],
      ["__proto__", "x"],
      ["den", "\n9"],
    ]);
    expect(Object.getPrototypeOf(query)).toBeNull();
    expect(parseQueryString(`q=${"x".repeat(10_000)}`).q).toHaveLength(4_000);
  });

  it("takes the first of a repeated parameter, or refuses it naming the parameter but not its value", () => {
    expect(queryFields({ page: ["2", "3"], q: "x" })).toEqual({ page: "2", q: "x" });
    const refused = (() => {
      try {
        queryFields({ page: ["2", "0912345678"] }, "reject");
      } catch (err) {
        return err as AppError;
      }
    })();
    expect(refused).toBeInstanceOf(AppError);
    expect(refused?.code).toBe("bad_request");
    expect(refused?.message).toBe("Tham số page chỉ được gửi một lần.");
    // A name the route does not read is the sender's text: neither refused nor echoed.
    const schema = z.object({ page: z.string().optional() });
    expect(readQuery({ "0912345678": ["a", "b"] }, schema, { repeated: "reject" })).toEqual({});
    expect(() => queryFields({ "0912 345 678": ["a", "b"] }, "reject")).toThrow("Tham số truy vấn chỉ");
  });

  it("reads lenient fields without ever refusing, and names the field a strict schema refuses", () => {
    const schema = z.object({ q: textParam(5), trang: pageParam(100), mau: idParam() });
    expect(readQuery({}, schema)).toEqual({ q: "", trang: 1, mau: undefined });
    expect(readQuery({ q: "  abcdefgh ", trang: "1e9", mau: "99999999999" }, schema)).toEqual({
      q: "abcde",
      trang: 1,
      mau: undefined,
    });
    expect(readQuery({ trang: "99999999", mau: "7" }, schema)).toMatchObject({ trang: 100, mau: 7 });
    expect(["1", " 42 ", "2147483647", "2147483648", "0", "-1", "1e3", "NaN", undefined].map(toDbId)).toEqual(
      [1, 42, 2147483647, undefined, undefined, undefined, undefined, undefined, undefined],
    );
    const strict = z.object({ n: z.string().regex(/^\d+$/, "phải là số") });
    expect(() => readQuery({ n: "abc" }, strict)).toThrow("Tham số n phải là số.");
  });
});
