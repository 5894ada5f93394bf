import { describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../../knowledge/bundled.js";
import { composeDocumentCase } from "../../../knowledge/compose/compose-document-case.js";
import { bundledDocumentCaseWords } from "../../../knowledge/compose/document-case-words.js";
import { conditionOf, dossierCases } from "../../../knowledge/compose/document-cases.js";
import { composeAnswer } from "../../../knowledge/compose/index.js";
import { readProceduresFile } from "../../../knowledge/importers/read-procedures-file.js";
import { decodePayload, encodePayload } from "../../../knowledge/payload.js";
import type { Procedure } from "../../../knowledge/procedure.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";

const kb = bundledKnowledgeBase();
function procedure(code: string): Procedure {
  const found = kb.get(code);
  if (!found) throw new Error(`bundled procedure ${code} missing`);
  return found;
}
const text = (messages: { text: string }[]) => messages.map((m) => m.text).join("\n");
const BIRTH = "1.001193";
const RESIDENCE = "1.004222";
const HOUSEHOLD_BUSINESS = "1.001612";

describe("dossier cases from the bundled records", () => {
  it("starts birth registration with the ordinary papers, not with an abandoned child", () => {
    const messages = composeAnswer(procedure(BIRTH), ["documents"]);
    const all = text(messages);
    const section = all.slice(all.indexOf("HỒ SƠ CẦN NỘP"));
    expect(section).toMatch(
      /^HỒ SƠ CẦN NỘP\nTrường hợp thông thường:\nGiấy tờ phải nộp:\n(?:– .*\n)?1\. Giấy chứng sinh/u,
    );
    expect(section.indexOf("bỏ rơi")).toBeGreaterThan(section.indexOf("Trường hợp khác"));
    expect(section).toContain("(1 bản chính)");
    const labels = messages.at(-1)?.buttons.map((b) => b.label) ?? [];
    expect(labels).toContain("Trẻ em bị bỏ rơi");
    expect(labels).toContain("Khai sinh cho trẻ em sinh ra do mang thai hộ");
  });

  it("shows an abandoned child's paper with the common papers once, when that case is picked", () => {
    const birth = procedure(BIRTH);
    const button = composeAnswer(birth, ["documents"])
      .at(-1)
      ?.buttons.find((b) => b.label === "Trẻ em bị bỏ rơi");
    const payload = decodePayload(button?.payload ?? "");
    expect(payload?.type).toBe("case");
    const messages = payload?.type === "case" ? composeDocumentCase(birth, payload.index) : null;
    const all = text(messages ?? []);
    expect(all).toContain("HỒ SƠ CẦN NỘP: TRẺ EM BỊ BỎ RƠI");
    expect(all).toContain("biên bản về việc trẻ bị bỏ rơi");
    expect(all).toContain("Kèm theo giấy tờ chung:");
    expect(all.split("Giấy chứng sinh; trường hợp không có").length - 1).toBe(1);
    const back = messages?.at(-1)?.buttons[0];
    expect(back).toEqual({
      label: "Trường hợp thông thường",
      payload: encodePayload({ type: "case", code: BIRTH, index: 0 }),
    });
    for (const m of messages ?? []) expect(m.text.length).toBeLessThanOrEqual(2000);
  });

  it("does not open permanent residence with people living in a vehicle", () => {
    const { common, others } = dossierCases(procedure(RESIDENCE));
    expect(common.docs.some((d) => /phương tiện/u.test(d.name))).toBe(false);
    expect(others.map((c) => c.label)).toContain("Chỗ ở hợp pháp do thuê, mượn, ở nhờ");
    const ordinary = others.findIndex((c) => !c.exceptional && c.exceptional === false);
    const rare = others.findIndex((c) => c.exceptional);
    expect(ordinary).toBeLessThan(rare);
  });

  it("shows the household-business form first and the authorisation papers as a case", () => {
    const business = procedure(HOUSEHOLD_BUSINESS);
    const all = text(composeAnswer(business, ["documents"]));
    const section = all.slice(all.indexOf("HỒ SƠ CẦN NỘP"));
    expect(section).toMatch(
      /^HỒ SƠ CẦN NỘP\nTrường hợp thông thường:\n1\. Giấy đề nghị đăng ký hộ kinh doanh \(1 bản chính\)/u,
    );
    expect(section).not.toContain("(iv) Trường hợp ủy quyền");
    const { others } = dossierCases(business);
    expect(others.some((c) => /^Ủy quyền/u.test(c.label) && c.docs.length >= 5)).toBe(true);
    const authorised = others.findIndex((c) => /^Ủy quyền/u.test(c.label)) + 1;
    expect(text(composeDocumentCase(business, authorised) ?? [])).toContain("(1 bản sao)");
  });

  it("counts the common case only in the overview, never '… và 47 giấy tờ khác'", () => {
    for (const code of [BIRTH, RESIDENCE, HOUSEHOLD_BUSINESS]) {
      const overview = text(composeAnswer(procedure(code), []));
      const line = overview.split("\n").find((l) => l.startsWith("• Hồ sơ:")) ?? "";
      expect(line).toMatch(/trường hợp khác/u);
      const more = /và (\d+) giấy tờ khác/u.exec(line);
      expect(Number(more?.[1] ?? 0)).toBeLessThan(10);
    }
  });

  it("gives every case of every bundled procedure a short, unique label and a payload under 64 bytes", () => {
    let withCases = 0;
    for (const p of readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures) {
      const code = p.code;
      const { common, others } = dossierCases(p);
      if (others.length === 0) continue;
      withCases++;
      const labels = [common, ...others].map((c) => c.label);
      expect(new Set(labels.map((l) => l.toLocaleLowerCase("vi"))).size, code).toBe(labels.length);
      for (const label of labels) expect(label.length, `${code}: ${label}`).toBeLessThanOrEqual(60);
      for (const label of labels) expect(label.trim().length, code).toBeGreaterThan(2);
      const last = encodePayload({ type: "case", code, index: others.length });
      expect(Buffer.byteLength(last, "utf8")).toBeLessThanOrEqual(64);
      expect(composeDocumentCase(p, others.length)?.length ?? 0).toBeGreaterThan(0);
      expect(composeDocumentCase(p, others.length + 1)).toBeNull();
    }
    expect(withCases).toBeGreaterThan(400);
  });

  it("reads a case from the paper's own wording, not from an aside in brackets", () => {
    const words = bundledDocumentCaseWords();
    expect(conditionOf("- Trường hợp trẻ em bị bỏ rơi thì phải có biên bản", words)).toBe("trẻ em bị bỏ rơi");
    expect(
      conditionOf(
        "- Văn bản ủy quyền theo quy định trong trường hợp ủy quyền thực hiện việc đăng ký khai sinh.",
        words,
      ),
    ).toBe("ủy quyền thực hiện việc đăng ký khai sinh");
    expect(conditionOf("Hai (02) ảnh màu (đối với trường hợp nộp hồ sơ trực tiếp)", words)).toBeNull();
    expect(
      conditionOf("Giấy chứng sinh; trường hợp không có Giấy chứng sinh thì nộp văn bản", words),
    ).toBeNull();
  });
});

describe("case payloads", () => {
  it("round-trips and refuses what we did not produce", () => {
    const payload = { type: "case", code: BIRTH, index: 3 } as const;
    expect(decodePayload(encodePayload(payload))).toEqual(payload);
    for (const raw of [
      "case|1.001193",
      "case|1.001193|x",
      "case|1.001193|123",
      "case||1",
      "case|1.001193|-1",
    ])
      expect(decodePayload(raw), raw).toBeNull();
  });
});
