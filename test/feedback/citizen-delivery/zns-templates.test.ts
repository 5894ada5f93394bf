import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../../app/config.js";
import { fillTemplate } from "../../../feedback/citizen-delivery/zns-templates.js";

const EXAMPLE = fileURLToPath(new URL("../../../deploy/zns-templates.example.json", import.meta.url));

const problemsOf = (setting: string) => {
  try {
    loadConfig({ ZALO_ZNS_TEMPLATES: setting });
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.join("\n");
  }
  return "";
};

describe("the province's ZNS templates setting", () => {
  it("reads the shipped example from its file, every step with its parameters", () => {
    const templates = loadConfig({ ZALO_ZNS_TEMPLATES: EXAMPLE }).ZALO_ZNS_TEMPLATES;
    expect([...(templates?.keys() ?? [])]).toEqual(["received", "returned", "published", "rating"]);
    expect(templates?.get("published")?.params).toContainEqual({
      name: "tom_tat_tra_loi",
      from: "answer",
      max: 200,
    });
  });

  it("stops the start on a wrong setting, saying what is wrong", () => {
    expect(problemsOf("{not json")).toContain("ZALO_ZNS_TEMPLATES: is not valid JSON");
    expect(problemsOf('{"answered": {"template_id": "1", "params": {}}}')).toContain("answered");
    expect(problemsOf('{"published": {"template_id": "abc", "params": {}}}')).toContain("template id");
    expect(problemsOf('{"published": {"template_id": "1", "params": {"x": "phone"}}}')).toContain(
      "published.params.x",
    );
    expect(problemsOf("/nowhere/zns.json")).toContain("cannot read the file");
  });

  it("cuts each value at a word to its parameter's limit and never sends an empty one", () => {
    const templates = loadConfig({ ZALO_ZNS_TEMPLATES: EXAMPLE }).ZALO_ZNS_TEMPLATES;
    const template = templates?.get("published");
    if (!template) throw new Error("no published template");
    const data = fillTemplate(template, {
      code: "PAKN.20261118.0007",
      name: "Nguyễn Văn An",
      status: "Đã có câu trả lời",
      agency: "",
      receivedDate: "18/11/2026",
      answerDueDate: "02/12/2026",
      note: "",
      answer: "Ủy ban nhân dân xã đã cho nạo vét toàn bộ tuyến cống thoát nước ".repeat(6),
    });
    expect(data.ma_phan_anh).toBe("PAKN.20261118.0007");
    expect(data.co_quan).toBe("-");
    expect(data.tom_tat_tra_loi?.length).toBeLessThanOrEqual(200);
    expect(data.tom_tat_tra_loi?.endsWith("…")).toBe(true);
  });
});
