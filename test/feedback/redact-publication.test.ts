import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../db/client.js";
import { answerPakn, approvePakn, publishPakn } from "../../feedback/answer-pakn.js";
import { publicPreview } from "../../feedback/console/leader-actions.js";
import { createPakn, findPaknById, transitionPakn } from "../../feedback/pakn-repo.js";
import { REDACTED } from "../../feedback/redact.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { TEST_NOW } from "../helpers/test-clock.js";

describe.each(DRIVERS)("a published answer keeps its meaning on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
  });
  afterAll(() => dispose());

  it("keeps the date and the place of the problem that look like the sender's address, and hides the sender", async () => {
    const { row } = await createPakn(
      database.db,
      confirmedPakn("redact-publication-1", {
        content: "Tôi là Nguyễn Văn Hùng, nhà ở số 12, thôn 3. Đường vào thôn 3 có nhiều ổ gà rất nguy hiểm.",
        contact: {
          name: "Nguyễn Văn Hùng",
          phone: "0912345678",
          address: "Số 12, thôn 3, xã Cẩm Bình, huyện Cẩm Xuyên, tỉnh Hà Tĩnh",
        },
      }),
    );
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    await transitionPakn(database.db, { paknId: row.id, to: "in_progress", actor: "officer:7" });
    const answer =
      "Trả lời ông Nguyễn Văn Hùng: ngày 08/12/2026, UBND xã đã cử cán bộ kiểm tra đường vào thôn 3 " +
      "theo Kế hoạch số 12/KH-UBND; các ổ gà đã được vá, kinh phí 12.000.000 đồng.";
    const deps = { db: database.db, now: () => TEST_NOW };
    await answerPakn(deps, { paknId: row.id, actor: "officer:7", answer });
    await approvePakn(deps, { paknId: row.id, actor: "leader:2" });
    const stored = await findPaknById(database.db, row.id);
    if (!stored) throw new Error("the PAKN is gone");
    const preview = publicPreview(stored);
    const published = await publishPakn(deps, { paknId: row.id, actor: "leader:2" });

    expect(published.publicAnswer).toBe(
      `Trả lời ông ${REDACTED.person}: ngày 08/12/2026, UBND xã đã cử cán bộ kiểm tra đường vào thôn 3 ` +
        "theo Kế hoạch số 12/KH-UBND; các ổ gà đã được vá, kinh phí 12.000.000 đồng.",
    );
    expect(published.publicQuestion).toBe(
      `Tôi là ${REDACTED.person}, nhà ở ${REDACTED.address}. Đường vào thôn 3 có nhiều ổ gà rất nguy hiểm.`,
    );
    // What the leader saw in the preview box is what the public reads.
    expect(preview).toEqual({ question: published.publicQuestion, answer: published.publicAnswer });
  });
});
