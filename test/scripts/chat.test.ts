import { describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../knowledge/bundled.js";
import { runScript } from "../helpers/run-script.js";

const lines = (...objects: unknown[]) =>
  objects.map((o) => (typeof o === "string" ? o : JSON.stringify(o))).join("\n");

describe("chat --jsonl", () => {
  it("answers one line per input, resolves follow-ups, and survives broken lines", async () => {
    const input = lines(
      { conversation: "a", user: "u", text: "đăng ký khai sinh cần giấy tờ gì" },
      { conversation: "b", user: "v", text: "xin chào" },
      "{broken",
      { conversation: "a", user: "u", text: "thế có mất phí không" },
      { conversation: "a", user: "u", payload: "field|1.001193|place" },
    );
    const { code, stdout } = await runScript("chat.ts", ["--jsonl", "--kb", BUNDLED_PROCEDURES_FILE], {
      input,
    });
    expect(code).toBe(0);
    const out = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({
      conversation: "a",
      meta: { action: "answer", codes: ["1.001193"], fields: ["documents"], feedback_code: null },
    });
    expect(out[0].replies[0]).toHaveProperty("buttons");
    expect(out[1]).toMatchObject({ conversation: "b", meta: { intent: "greeting" } });
    expect(out[2]).toMatchObject({ error: "invalid JSON" });
    expect(out[3]).toMatchObject({
      conversation: "a",
      meta: { action: "answer", codes: ["1.001193"], fields: ["fee"] },
    });
    expect(out[4]).toMatchObject({ meta: { codes: ["1.001193"], fields: ["place"] } });
  });

  it("files a PAKN through the whole dialog and reports its tracking code in meta.feedback_code", async () => {
    const say = (text: string) => ({ conversation: "p", user: "citizen", text });
    const press = (payload: string) => ({ conversation: "p", user: "citizen", payload });
    const input = lines(
      say("/phananh"),
      press("pakn|kind|phan_anh"),
      say("Đèn đường trên trục đường chính thôn 4 bị hỏng cả tháng nay, buổi tối rất tối và nguy hiểm"),
      say("Thôn 4, xã Đông Hòa"),
      press("pakn|skip"),
      press("pakn|yes"),
      say("Lê Thị Hoa"),
      say("0935 111 222"),
      say("Thôn 4, xã Đông Hòa, tỉnh Khánh Hòa"),
      press("pakn|send"),
      say("phản ánh của tôi"),
    );
    const { code, stdout, stderr } = await runScript(
      "chat.ts",
      ["--jsonl", "--kb", BUNDLED_PROCEDURES_FILE],
      {
        input,
        env: { DATABASE_URL: "" },
      },
    );
    expect(code, stderr).toBe(0);
    const out = stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(out).toHaveLength(11);
    const filed = out[9];
    expect(filed.meta.feedback_code).toMatch(/^PAKN\.\d{8}\.\d{4}$/);
    expect(filed.replies[0].text).toContain(filed.meta.feedback_code);
    expect(out.slice(0, 9).every((o) => o.meta.feedback_code === null)).toBe(true);
    expect(out[10].replies[0].text).toContain(filed.meta.feedback_code);
  });
});
