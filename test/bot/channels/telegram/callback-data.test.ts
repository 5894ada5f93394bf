import { afterAll, describe, expect, it } from "vitest";
import {
  CALLBACK_DATA_MAX_BYTES,
  createCallbackData,
  renderReply,
} from "../../../../bot/channels/telegram/index.js";
import { createTestRedis } from "../../../helpers/redis.js";

describe("callback data and keyboards", () => {
  const r = createTestRedis();
  const data = createCallbackData(r.redis, { prefix: r.prefix, ttlSeconds: 60 });
  afterAll(() => r.dispose());

  it("sends short payloads inline and keeps long ones behind a key in Redis", async () => {
    expect(await data.encode("field|1.001193|fee")).toBe("p:field|1.001193|fee");
    const long = `pick|${"ư".repeat(40)}`;
    const key = await data.encode(long);
    expect(key).toMatch(/^k:/);
    expect(Buffer.byteLength(key)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
    expect(await data.encode(long)).toBe(key);
    expect(await data.decode(key)).toBe(long);
    expect(await data.decode("p:field|1.001193|fee")).toBe("field|1.001193|fee");
    // A payload of exactly 62 bytes still fits with its prefix.
    const edge = "a".repeat(62);
    expect(await data.encode(edge)).toBe(`p:${edge}`);
    expect(await data.encode(`${edge}b`)).toMatch(/^k:/);
  });

  it("hands back unresolvable data unchanged, so the core answers it as an unknown button", async () => {
    expect(await data.decode("k:gone")).toBe("k:gone");
    expect(await data.decode("legacy")).toBe("legacy");
  });

  it("renders buttons two short ones per row, a long one alone, all within 64 bytes", async () => {
    const [message] = await renderReply(
      {
        text: "a < b",
        buttons: [
          { label: "Lệ phí", payload: "field|1|fee" },
          { label: "Thời gian", payload: "field|1|time" },
          { label: "Đăng ký khai sinh có yếu tố nước ngoài", payload: `pick|${"9".repeat(80)}` },
          { label: "Kết quả", payload: "field|1|result" },
        ],
      },
      data,
    );
    expect(message?.text).toBe("a &lt; b");
    const rows = message?.replyMarkup?.inline_keyboard ?? [];
    expect(rows.map((row) => row.map((b) => b.text))).toEqual([
      ["Lệ phí", "Thời gian"],
      ["Đăng ký khai sinh có yếu tố nước ngoài"],
      ["Kết quả"],
    ]);
    for (const b of rows.flat())
      expect(Buffer.byteLength((b as { callback_data: string }).callback_data)).toBeLessThanOrEqual(64);
  });
});
