import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { redactForPublic } from "../../feedback/redact.js";

interface SampleItem {
  id: string;
  text: string;
  pii: { kind: string; value: string }[];
}

const sample = (
  JSON.parse(readFileSync(new URL("./fixtures/redaction-sample.json", import.meta.url), "utf8")) as {
    items: SampleItem[];
  }
).items;

describe("redaction on the hand-checked sample of real answered PAKN", () => {
  it("leaves no personal value of the 60 texts where it was", () => {
    for (const item of sample) {
      const out = redactForPublic(item.text);
      for (const p of item.pii) {
        // "Ông [Công]": the title stays, so the title and the name together must be gone.
        const phrase = p.value.replace(/[[\]]/g, "");
        expect(out, `${item.id}: ${phrase}`).not.toContain(phrase);
      }
    }
  });

  it("changes nothing in the texts that hold no personal data", () => {
    const clean = sample.filter((item) => item.pii.length === 0 && !item.id.endsWith("102260611153201662"));
    expect(clean.length).toBeGreaterThan(10);
    for (const item of clean) expect(redactForPublic(item.text), item.id).toBe(item.text.normalize("NFC"));
  });
});
