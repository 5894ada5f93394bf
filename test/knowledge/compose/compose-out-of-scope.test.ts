import { describe, expect, it } from "vitest";
import { composeOutOfScope } from "../../../knowledge/compose/compose-out-of-scope.js";

describe("composeOutOfScope", () => {
  it("suggests rephrasing with 2–3 examples and no buttons by default", () => {
    const message = composeOutOfScope();
    expect(message.text).toContain("chưa tìm thấy thủ tục");
    expect(message.text).toContain("tên thủ tục");
    expect(message.text.match(/^• /gmu)?.length).toBe(3);
    expect(message.buttons).toEqual([]);
  });

  it("offers forwarding to an officer when asked to", () => {
    const message = composeOutOfScope({ handoff: { payload: "handoff" } });
    expect(message.text).toContain("cán bộ");
    expect(message.buttons).toEqual([{ label: "Gửi câu hỏi cho cán bộ", payload: "handoff" }]);
  });
});
