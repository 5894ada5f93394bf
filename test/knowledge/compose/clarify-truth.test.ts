import { describe, expect, it } from "vitest";
import { BUNDLED_PROCEDURES_FILE } from "../../../knowledge/bundled.js";
import {
  composeClarify,
  MIN_CANDIDATE_SCORE_RATIO,
  offeredCandidates,
} from "../../../knowledge/compose/compose-clarify.js";
import { distinguishingLabels, MAX_LABEL_CHARS } from "../../../knowledge/compose/distinguishing-labels.js";
import { foldPhrase } from "../../../knowledge/compose/document-case-words.js";
import { truthfulLabel } from "../../../knowledge/compose/label-truth.js";
import { splitAsides } from "../../../knowledge/compose/name-asides.js";
import { PART_SEPARATOR } from "../../../knowledge/compose/span-labels.js";
import type { SearchHit } from "../../../knowledge/decision-types.js";
import { readProceduresFile } from "../../../knowledge/importers/read-procedures-file.js";
import type { Procedure } from "../../../knowledge/procedure.js";
import { bundledKnowledgeBase } from "../../helpers/knowledge.js";
import { candidateSets } from "./label-sweep.js";

const kb = bundledKnowledgeBase();
function procedure(code: string): Procedure {
  const found = kb.get(code);
  if (!found) throw new Error(`bundled procedure ${code} missing`);
  return found;
}
const labelsOf = (procedures: Procedure[]) =>
  distinguishingLabels(procedures.map((p) => ({ name: p.name, code: p.code, levels: p.levels })));

/**
 * True when every part of the label (level or code suffix aside) is a run of words of the name, of
 * its words outside brackets, or of one bracketed aside.
 */
function partsInName(label: string, name: string): boolean {
  const body = label.replace(/\s+(?:\((?:mã|cấp|cơ quan khác)[^()]*\)|#\d+)$/iu, "");
  const { core, asides } = splitAsides(name);
  const texts = [name, core, ...asides].map((t) => ` ${foldPhrase(t).join(" ")} `);
  return body
    .split(PART_SEPARATOR)
    .every((part) => texts.some((t) => t.includes(` ${foldPhrase(part).join(" ")} `)));
}

describe("clarify labels that tell the truth", () => {
  it("never drops the 'không' of 'không phải xin phép' from the land-use change's button", () => {
    const change = procedure("1.013992");
    const transfer = procedure("1.013831");
    const [label] = labelsOf([change, transfer]);
    expect(label).toMatch(/không phải xin phép/u);
    expect(label).not.toMatch(/(?:^|– )phải xin phép/u);
    expect(label?.length).toBeLessThanOrEqual(MAX_LABEL_CHARS);
  });

  it("corrects a label that leaves out a negation and refuses one that is not in the name", () => {
    const name =
      "Đăng ký biến động chuyển mục đích sử dụng đất không phải xin phép cơ quan nhà nước có thẩm quyền";
    expect(truthfulLabel("Mục đích – phải xin phép cơ quan nhà nước", name)).toBe(
      "Mục đích – không phải xin phép cơ quan nhà nước",
    );
    expect(truthfulLabel("Phải xin phép cơ quan nhà nước có thẩm quyền", name)).toBe(
      "Không phải xin phép cơ quan nhà nước có thẩm quyền",
    );
    expect(truthfulLabel("Chuyển nhượng quyền sử dụng đất", name)).toBeNull();
    expect(truthfulLabel("Chuyển mục đích (mã 1.013992)", name)).toBe("Chuyển mục đích (mã 1.013992)");
  });

  it("labels every alike set of bundled procedures with words of each one's own name, negations kept", () => {
    const procedures = readProceduresFile(BUNDLED_PROCEDURES_FILE).procedures;
    const sets = candidateSets(procedures, 4);
    expect(sets.length).toBeGreaterThan(1000);
    const failures: string[] = [];
    for (const set of sets) {
      const labels = labelsOf(set);
      set.forEach((p, i) => {
        const label = labels[i] ?? "";
        if (!partsInName(label, p.name)) failures.push(`not in its name: ${label} ← ${p.name}`);
        else if (truthfulLabel(label, p.name) !== label)
          failures.push(`drops a negation: ${label} ← ${p.name}`);
      });
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});

describe("candidates far below the best are not offered", () => {
  const hit = (code: string, score: number): SearchHit => ({ procedure: procedure(code), score });

  it("keeps the candidates at or above half the best score, best first, at most five", () => {
    expect(MIN_CANDIDATE_SCORE_RATIO).toBe(0.5);
    const hits = [hit("1.013831", 12.7), hit("1.013992", 6.35), hit("1.007674", 6.3), hit("1.014275", 2)];
    expect(offeredCandidates(hits).map((h) => h.procedure.code)).toEqual(["1.013831", "1.013992"]);
    const message = composeClarify(hits, ["fee"]);
    expect(message.buttons).toHaveLength(2);
    expect(message.text).not.toContain(procedure("1.007674").name.slice(0, 40));
  });

  it("asks about the one candidate left when the others are far below it", () => {
    const message = composeClarify([hit("1.013992", 10), hit("1.013831", 2)], ["fee"]);
    expect(message.text.split("\n")[0]).toBe("Có phải bạn muốn hỏi thủ tục dưới đây?");
    expect(message.buttons).toHaveLength(1);
    expect(message.buttons[0]?.label).toBe("Đúng, xem thủ tục này");
    expect(message.text).toContain("không phải xin phép cơ quan nhà nước có thẩm quyền");
  });

  it("offers every candidate when the scores carry no scale (zero or negative best)", () => {
    const hits = [hit("1.013831", 0), hit("1.013992", -1)];
    expect(offeredCandidates(hits)).toHaveLength(2);
  });
});
