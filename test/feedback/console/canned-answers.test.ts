import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { auditLog } from "../../../db/schema.js";
import {
  createCannedAnswer,
  deleteCannedAnswer,
  listCannedAnswers,
  updateCannedAnswer,
} from "../../../feedback/console/canned-answers.js";
import type { SignedInOfficer } from "../../../feedback/officers/roles.js";
import { loadAgencies } from "../../../feedback/routing/agencies.js";
import { seedOfficer } from "../../helpers/console-work.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";

const agencies = loadAgencies();

describe.each(DRIVERS)("canned answers on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let officer: SignedInOfficer;
  let leader: SignedInOfficer;
  let otherLeader: SignedInOfficer;
  let coordinator: SignedInOfficer;
  const deps = () => ({ db: database.db, agencies });

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    officer = await seedOfficer(database.db, "officer", "so-xay-dung");
    leader = await seedOfficer(database.db, "leader", "so-xay-dung");
    otherLeader = await seedOfficer(database.db, "leader", "so-tai-chinh");
    coordinator = await seedOfficer(database.db, "coordinator");
  });
  afterAll(() => dispose());

  it("lets leaders keep their agency's answers and the coordinator the common ones; officers only use them", async () => {
    const own = await createCannedAnswer(deps(), leader, {
      title: "Đã sửa đường",
      body: "Đơn vị đã sửa chữa đoạn đường.",
      agencyId: "so-tai-chinh",
    });
    expect(own.agencyId).toBe("so-xay-dung");
    const common = await createCannedAnswer(deps(), coordinator, {
      title: "Cảm ơn",
      body: "Cảm ơn ông/bà đã phản ánh.",
      agencyId: "",
    });
    expect(common.agencyId).toBeNull();
    const theirs = await createCannedAnswer(deps(), otherLeader, {
      title: "Phí chợ",
      body: "Mức phí đúng quy định.",
    });
    await expect(createCannedAnswer(deps(), officer, { title: "x", body: "y" })).rejects.toMatchObject({
      data: { forbidden: true },
    });
    await expect(createCannedAnswer(deps(), leader, { title: " ", body: "y" })).rejects.toMatchObject({
      data: { userMessage: "Vui lòng nhập tên mẫu trả lời." },
    });

    expect((await listCannedAnswers(deps(), officer)).map((c) => c.title)).toEqual([
      "Cảm ơn",
      "Đã sửa đường",
    ]);
    expect(
      (await listCannedAnswers(deps(), coordinator, { forAgency: "so-tai-chinh" })).map((c) => c.title),
    ).toEqual(["Cảm ơn", "Phí chợ"]);

    await expect(
      updateCannedAnswer(deps(), leader, theirs.id, { title: "x", body: "y" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    await expect(
      updateCannedAnswer(deps(), leader, common.id, { title: "x", body: "y" }),
    ).rejects.toMatchObject({
      code: "not_found",
    });
    const edited = await updateCannedAnswer(deps(), leader, own.id, {
      title: "Đã sửa xong đường",
      body: "Đơn vị đã sửa xong đoạn đường.",
    });
    expect(edited.title).toBe("Đã sửa xong đường");
    await expect(deleteCannedAnswer(deps(), otherLeader, own.id)).rejects.toMatchObject({
      code: "not_found",
    });
    await deleteCannedAnswer(deps(), coordinator, own.id);
    expect((await listCannedAnswers(deps(), leader)).map((c) => c.title)).toEqual(["Cảm ơn"]);
    const actions = await database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetType, "canned_answer"));
    expect(actions.map((a) => a.action)).toEqual([
      "canned.create",
      "canned.create",
      "canned.create",
      "canned.update",
      "canned.delete",
    ]);
  });
});
