import { describe, expect, it } from "vitest";
import { classifyFeedbackMessage } from "../../../bot/core/features/feedback-intent.js";

describe("reading free messages for the PAKN intake", () => {
  it.each([
    "đăng ký khai sinh cần gì",
    "đăng ký khai sinh trễ hạn",
    "co dang ky xe may o cong an xa duoc khong",
    "bên mình có nhận hồ sơ công nhận hộ nghèo không",
    "nhà tôi bị ngập thì xin hỗ trợ thế nào",
    "xây nhà to cao cần giấy phép không",
    "thủ tục giải quyết khiếu nại lần đầu",
    "giải quyết tố cáo mất tối đa bao lâu",
    "đèn đường hỏng",
  ])("leaves a procedure question (and any reported problem) to the knowledge base: %s", (text) => {
    expect(classifyFeedbackMessage(text)).toBeUndefined();
  });

  it("recognises complaints, denunciations, codes and the own list", () => {
    expect(classifyFeedbackMessage("tôi muốn khiếu nại quyết định thu hồi đất")).toEqual({
      type: "complaint_path",
    });
    expect(classifyFeedbackMessage("tôi muốn tố cáo cán bộ nhận hối lộ")).toEqual({ type: "complaint_path" });
    expect(classifyFeedbackMessage("tra cứu PAKN.20261122.0012")).toEqual({
      type: "track",
      code: "PAKN.20261122.0012",
    });
    expect(classifyFeedbackMessage("pakn 20261122 12")).toEqual({
      type: "track",
      code: "PAKN.20261122.0012",
    });
    expect(classifyFeedbackMessage("phản ánh của tôi")).toEqual({ type: "own_list" });
  });
});
