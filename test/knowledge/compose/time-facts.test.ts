import { describe, expect, it } from "vitest";
import { composeAnswer } from "../../../knowledge/compose/compose-answer.js";
import { parseTimeCues } from "../../../knowledge/compose/fact-phrases.js";
import { channelTimes, timeNotes } from "../../../knowledge/compose/time-facts.js";
import { parseDichvucongRecord } from "../../../knowledge/importers/dichvucong.js";
import { portalRecord } from "../importers/portal-records.js";

const record = (code: string) => parseDichvucongRecord(portalRecord(code));

describe("processing time per channel, from the portal data", () => {
  it("gives each channel its own time when they differ (building permit: 20 days online or by post, 15 in person)", () => {
    expect(channelTimes(record("1.013225"))).toEqual([
      { channels: ["Trực tuyến", "Dịch vụ bưu chính"], value: "20 ngày" },
      { channels: ["Trực tiếp"], value: "15 ngày" },
    ]);
  });

  it("merges a channel listed once per case into one line with both times (residence confirmation)", () => {
    const procedure = record("1.010041");
    expect(channelTimes(procedure)).toEqual([
      { channels: ["Trực tuyến"], value: "1 ngày làm việc hoặc 3 ngày làm việc tùy trường hợp" },
    ]);
    const text = composeAnswer(procedure, ["time"])
      .map((m) => m.text)
      .join("\n");
    expect(text).toContain("• Trực tuyến: 1 ngày làm việc hoặc 3 ngày làm việc tùy trường hợp\nGhi chú:");
    expect(text).toContain("trong thời hạn 03 ngày làm việc với trường hợp cần xác minh");
  });

  it("keeps the time sentences of the descriptions, each once, and leaves out how to submit (passport)", () => {
    const notes = timeNotes(record("1.001471"));
    expect(notes[0]).toBe("• Không quá 05 ngày làm việc kể từ ngày nhận đầy đủ hồ sơ theo quy định.");
    expect(notes).toHaveLength(2);
    expect(notes.join("\n")).not.toContain("nộp hồ sơ trực tuyến qua Cổng");
  });

  it("reads its cues from the reviewed file format", () => {
    expect(parseTimeCues("# c\nThời hạn\n\nkéo dài\n")).toEqual(["thời hạn", "kéo dài"]);
  });
});
