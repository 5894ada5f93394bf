import { writeFileSync } from "node:fs";
import { it } from "vitest";
import { recordImportRun, upsertProceduresWithChanges } from "../../../db/procedure-repo.js";
import { markReviewing } from "../../../feedback/learning/procedure-review.js";
import { createTestOfficer, signInOfficer } from "../../helpers/officers.js";
import { getAs } from "../../helpers/console-http.js";
import { buildTestSite } from "../../helpers/site.js";
it("dumps", async () => {
  const t = await buildTestSite({ driver: "pglite" });
  const m = t.site.kb.get("1.000894")!;
  for (const l of [[m], [{ ...m, name: m.name + " x", channels: [] }]]) {
    const { summary, changes } = await upsertProceduresWithChanges(t.database.db, l);
    await recordImportRun(t.database.db, { source: "f.jsonl", format: "x", skipped: 0, ...summary }, changes);
  }
  const { officer, password } = await createTestOfficer(t.database.db, { role: "editor" });
  await markReviewing({ db: t.database.db }, { code: "1.000894", note: "ghi chú", officerId: officer.id });
  const s = await signInOfficer(t.app, { email: officer.email, password });
  const r = await getAs(t.app, s, "/officer/tri-thuc/thu-tuc?q=k%E1%BA%BFt+h%C3%B4n");
  writeFileSync("/tmp/procedures-page.html", r.body);
  await t.dispose();
});
