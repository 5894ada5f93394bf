import { channelName } from "../../../knowledge/compose/channel-text.js";
import { composeAnswer } from "../../../knowledge/compose/compose-answer.js";
import type { Procedure } from "../../../knowledge/procedure.js";
import { FACT_FIELDS, fragmentLines, sectionBody } from "./check-facts.js";

/** A charge named in a fee note the portal heads "Miễn phí" (who sets the amount, or an amount). */
const CHARGING_NOTE =
  /^Miễn phí\s*\((?!\s*[-+]?\s*(?:Miễn|Không|Chưa))[^)]*(?:mức thu|mức lệ phí|Hội đồng nhân dân|Luật phí và lệ phí|\d{1,3}(?:[.,]\d{3})+\s*(?:đồng|đ\b))/iu;

/** True when the fee part heads one of the given channels "Miễn phí" on its own line. */
function headsFree(body: string, channels: readonly string[]): boolean {
  return body.split("\n").some((line) => {
    const names = /^•\s*([^:]+):\s*Miễn phí/u.exec(line)?.[1]?.split(", ") ?? [];
    return names.some((name) => channels.includes(name));
  });
}

/**
 * Over every procedure: the parts shown with a broken fragment, the procedures whose fee note
 * charges under a "Miễn phí" cell, and how many of those the answer still heads "Miễn phí".
 */
export function corpusDefects(procedures: readonly Procedure[]) {
  const fragments = Object.fromEntries(FACT_FIELDS.map((f) => [f, 0])) as Record<
    (typeof FACT_FIELDS)[number],
    number
  >;
  let chargingNotes = 0;
  let freeHeadlines = 0;
  for (const procedure of procedures) {
    for (const field of FACT_FIELDS) {
      const body =
        sectionBody(
          composeAnswer(procedure, [field])
            .map((m) => m.text)
            .join("\n\n"),
          field,
        ) ?? "";
      if (fragmentLines(body, field).length > 0) fragments[field]++;
      if (field !== "fee") continue;
      const charging = procedure.channels
        .filter((c) => CHARGING_NOTE.test(c.fee.replace(/(\S)\(/u, "$1 (")))
        .map(channelName);
      if (charging.length === 0) continue;
      chargingNotes++;
      if (headsFree(body, charging)) freeHeadlines++;
    }
  }
  return {
    procedures: procedures.length,
    partsWithFragments: fragments,
    chargingNotes,
    freeHeadlinesOnChargingNotes: freeHeadlines,
  };
}
