import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client.js";
import { auditLog, outbox, pakn, paknNotes } from "../../../db/schema.js";
import type { ActionDeps } from "../../../feedback/console/action-runner.js";
import {
  acceptTransfer,
  addNote,
  draftAnswer,
  resumeWork,
  returnToCitizen,
  startWork,
  transferPakn,
} from "../../../feedback/console/agency-actions.js";
import {
  assignAgency,
  markOutOfScope,
  mergeInto,
  rejectPakn,
} from "../../../feedback/console/coordinator-actions.js";
import { approveAnswer, publishAnswer, sendBack } from "../../../feedback/console/leader-actions.js";
import { loadPaknFor } from "../../../feedback/console/pakn-scope.js";
import { markPhotoSafe } from "../../../feedback/console/photo-safety.js";
import { notifyCitizen } from "../../../feedback/notify-citizen.js";
import type { SignedInOfficer } from "../../../feedback/officers/roles.js";
import { paknHistory } from "../../../feedback/pakn-repo.js";
import { loadAgencies } from "../../../feedback/routing/agencies.js";
import { seedOfficer, seedPakn } from "../../helpers/console-work.js";
import { createTestDatabase, DRIVERS } from "../../helpers/databases.js";

const agencies = loadAgencies();

describe.each(DRIVERS)("console actions on %s", (driver) => {
  let database: Database;
  let dispose: () => Promise<void>;
  let officer: SignedInOfficer;
  let leader: SignedInOfficer;
  let otherOfficer: SignedInOfficer;
  let coordinator: SignedInOfficer;
  const deps = (): ActionDeps => ({ db: database.db, agencies });
  const at = (who: SignedInOfficer, code: string) => ({ officer: who, code, ip: "203.0.113.7" });
  const audits = (code: string) =>
    database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetType, "pakn"), eq(auditLog.targetId, code)));
  const statusOf = async (id: number) =>
    (await database.db.select({ s: pakn.status }).from(pakn).where(eq(pakn.id, id)))[0]?.s;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    officer = await seedOfficer(database.db, "officer", "so-xay-dung", "Lê Văn Cán");
    leader = await seedOfficer(database.db, "leader", "so-xay-dung", "Phạm Thị Lãnh");
    otherOfficer = await seedOfficer(database.db, "officer", "so-tai-chinh");
    coordinator = await seedOfficer(database.db, "coordinator");
  });
  afterAll(() => dispose());

  it("starts work as the officer, with the officer as actor and an audit row with the IP", async () => {
    const item = await seedPakn(database.db);
    const row = await startWork(deps(), at(officer, item.code));
    expect(row.status).toBe("in_progress");
    const last = (await paknHistory(database.db, item.id)).at(-1);
    expect(last).toMatchObject({ toStatus: "in_progress", actor: `officer:${officer.id}` });
    const [entry] = await audits(item.code);
    expect(entry).toMatchObject({ officerId: officer.id, action: "pakn.start", ip: "203.0.113.7" });
    expect(entry?.data).toMatchObject({ from: "assigned", to: "in_progress" });
  });

  it("refuses an action the state does not allow, in Vietnamese, and changes nothing", async () => {
    const item = await seedPakn(database.db, { status: "in_progress" });
    await expect(startWork(deps(), at(officer, item.code))).rejects.toMatchObject({
      code: "conflict",
      data: { userMessage: expect.stringContaining("Đang xử lý") },
    });
    expect(await statusOf(item.id)).toBe("in_progress");
    expect(await audits(item.code)).toHaveLength(0);
  });

  it("hides another agency's item from every action: not found, nothing written", async () => {
    const item = await seedPakn(database.db, { status: "in_progress" });
    const t = at(otherOfficer, item.code);
    const attempts = [
      () => startWork(deps(), t),
      () => addNote(deps(), { ...t, body: "ghi chú" }),
      () => transferPakn(deps(), { ...t, agencyId: "so-tai-chinh", reason: "thử" }),
      () => returnToCitizen(deps(), { ...t, question: "Bổ sung ảnh?" }),
      () => draftAnswer(deps(), { ...t, answer: "Một câu trả lời đủ dài để được chấp nhận." }),
      () => markPhotoSafe(deps(), { ...t, index: 0, safe: true }),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "not_found" });
    expect(await statusOf(item.id)).toBe("in_progress");
    expect(await audits(item.code)).toHaveLength(0);
  });

  it("keeps an internal note without changing the state", async () => {
    const item = await seedPakn(database.db);
    await expect(addNote(deps(), { ...at(officer, item.code), body: "  " })).rejects.toMatchObject({
      code: "bad_request",
      data: { userMessage: "Vui lòng nhập nội dung ghi chú." },
    });
    await addNote(deps(), { ...at(officer, item.code), body: "Đã gọi điện cho người dân." });
    const notes = await database.db.select().from(paknNotes).where(eq(paknNotes.paknId, item.id));
    expect(notes.map((n) => [n.body, n.officerId])).toEqual([["Đã gọi điện cho người dân.", officer.id]]);
    expect(await statusOf(item.id)).toBe("assigned");
    expect((await audits(item.code)).map((a) => a.action)).toEqual(["pakn.note"]);
  });

  it("asks the citizen for more information through the bot and resumes when they answered", async () => {
    const item = await seedPakn(database.db, { status: "in_progress" });
    await expect(returnToCitizen(deps(), { ...at(officer, item.code), question: "" })).rejects.toMatchObject({
      code: "bad_request",
    });
    // The console's clock stamps the pause (it starts and ends the deadline pause).
    const askedAt = new Date("2026-11-24T09:00:00+07:00");
    await returnToCitizen(
      { ...deps(), now: () => askedAt },
      { ...at(officer, item.code), question: "Anh/chị cho biết số nhà gần chỗ ngập nhất?" },
    );
    const event = (await paknHistory(database.db, item.id)).at(-1);
    expect(event?.toStatus).toBe("returned");
    expect(event?.createdAt).toEqual(askedAt);
    const jobs = await database.db
      .select()
      .from(outbox)
      .where(eq(outbox.jobId, `notify-${event?.id}`));
    expect(jobs).toHaveLength(1);
    const sent: string[] = [];
    await notifyCitizen(
      {
        db: database.db,
        push: async (_channel, _conversation, replies) => {
          sent.push(...replies.map((r) => r.text));
          return true;
        },
      },
      { eventId: event?.id ?? 0 },
    );
    expect(sent[0]).toContain("Anh/chị cho biết số nhà gần chỗ ngập nhất?");
    expect(sent[0]).toContain("tạm dừng");
    const resumedAt = new Date("2026-11-26T14:00:00+07:00");
    await resumeWork(
      { ...deps(), now: () => resumedAt },
      { ...at(officer, item.code), note: "Người dân đã gửi số nhà 12." },
    );
    expect(await statusOf(item.id)).toBe("in_progress");
    expect((await paknHistory(database.db, item.id)).at(-1)?.createdAt).toEqual(resumedAt);
  });

  it("transfers to another agency with a reason; that agency accepts it and the first loses sight of it", async () => {
    const item = await seedPakn(database.db, { status: "in_progress" });
    await expect(
      transferPakn(deps(), { ...at(officer, item.code), agencyId: "so-tai-chinh", reason: " " }),
    ).rejects.toMatchObject({ data: { userMessage: "Vui lòng ghi rõ lý do chuyển." } });
    await expect(
      transferPakn(deps(), { ...at(officer, item.code), agencyId: "khong-co", reason: "x" }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      transferPakn(deps(), { ...at(officer, item.code), agencyId: "so-xay-dung", reason: "x" }),
    ).rejects.toMatchObject({ code: "bad_request" });
    const moved = await transferPakn(deps(), {
      ...at(officer, item.code),
      agencyId: "so-tai-chinh",
      reason: "Nội dung về phí chợ thuộc thẩm quyền Sở Tài chính",
    });
    expect(moved).toMatchObject({ status: "transferred", agencyId: "so-tai-chinh" });
    await expect(loadPaknFor(deps(), officer, item.code)).rejects.toMatchObject({ code: "not_found" });
    const accepted = await acceptTransfer(deps(), at(otherOfficer, item.code));
    expect(accepted.status).toBe("assigned");
    const audit = await audits(item.code);
    expect(audit.map((a) => a.action)).toEqual(["pakn.transfer", "pakn.accept"]);
    expect(audit[0]?.data).toMatchObject({ fromAgency: "so-xay-dung", toAgency: "so-tai-chinh" });
  });

  it("goes officer draft → leader approval → publication after the preview is confirmed, without the sender's details", async () => {
    const item = await seedPakn(database.db, {
      status: "in_progress",
      content: "Tôi là Nguyễn Văn A, số 0912345678, nhà ở Thôn 3, xã Đông; cống trước nhà bị tắc.",
      contact: { name: "Nguyễn Văn A", phone: "0912345678", address: "Thôn 3, xã Đông" },
    });
    await expect(draftAnswer(deps(), { ...at(officer, item.code), answer: "ok" })).rejects.toMatchObject({
      data: { userMessage: expect.stringContaining("ít nhất 20 ký tự") },
    });
    await draftAnswer(deps(), {
      ...at(officer, item.code),
      answer: "Đơn vị đã nạo vét cống, nước đã thoát.",
    });
    await expect(approveAnswer(deps(), at(officer, item.code))).rejects.toMatchObject({
      data: { forbidden: true, userMessage: expect.stringContaining("không có quyền") },
    });
    await sendBack(deps(), { ...at(leader, item.code), note: "Ghi rõ ngày hoàn thành" });
    await draftAnswer(deps(), {
      ...at(officer, item.code),
      answer: "Đơn vị đã nạo vét cống ngày 20/3/2026, nước đã thoát.",
    });
    await approveAnswer(deps(), at(leader, item.code));
    await expect(publishAnswer(deps(), { ...at(leader, item.code), confirmed: false })).rejects.toMatchObject(
      {
        code: "bad_request",
      },
    );
    const published = await publishAnswer(deps(), { ...at(leader, item.code), confirmed: true });
    expect(published.status).toBe("published");
    expect(published.publicQuestion).toContain("cống trước nhà bị tắc");
    expect(published.publicQuestion).not.toMatch(/Nguyễn Văn A|0912345678|Thôn 3/);
    expect((await audits(item.code)).map((a) => `${a.action}:${a.officerId}`)).toEqual([
      `pakn.answer:${officer.id}`,
      `pakn.send_back:${leader.id}`,
      `pakn.answer:${officer.id}`,
      `pakn.approve:${leader.id}`,
      `pakn.publish:${leader.id}`,
    ]);
  });

  it("lets the coordinator assign triage, merge duplicates, reject and close out-of-scope items, each with a reason", async () => {
    const triage = await seedPakn(database.db, { status: "classified" });
    await expect(
      assignAgency(deps(), { ...at(officer, triage.code), agencyId: "so-xay-dung" }),
    ).rejects.toMatchObject({ code: "not_found" });
    const assigned = await assignAgency(deps(), { ...at(coordinator, triage.code), agencyId: "so-xay-dung" });
    expect(assigned).toMatchObject({ status: "assigned", agencyId: "so-xay-dung" });
    await expect(addNote(deps(), { ...at(officer, triage.code), body: "đã thấy" })).resolves.toBeTruthy();

    const original = await seedPakn(database.db);
    const duplicate = await seedPakn(database.db);
    await expect(
      mergeInto(deps(), { ...at(coordinator, duplicate.code), into: duplicate.code }),
    ).rejects.toMatchObject({ code: "bad_request" });
    await expect(
      mergeInto(deps(), { ...at(officer, duplicate.code), into: original.code }),
    ).rejects.toMatchObject({ data: { forbidden: true } });
    const merged = await mergeInto(deps(), {
      ...at(coordinator, duplicate.code),
      into: original.code.toLowerCase(),
    });
    expect(merged).toMatchObject({ status: "merged", mergedInto: original.code });
    expect((await paknHistory(database.db, duplicate.id)).at(-1)?.note).toContain(original.code);

    const spam = await seedPakn(database.db, { status: "received", agencyId: null });
    await expect(rejectPakn(deps(), { ...at(coordinator, spam.code), reason: "" })).rejects.toMatchObject({
      code: "bad_request",
    });
    expect(
      (await rejectPakn(deps(), { ...at(coordinator, spam.code), reason: "Nội dung quảng cáo" })).status,
    ).toBe("rejected");
    const privateDispute = await seedPakn(database.db);
    const closed = await markOutOfScope(deps(), {
      ...at(coordinator, privateDispute.code),
      reason: "Tranh chấp dân sự giữa hai hộ, đề nghị liên hệ Tòa án.",
    });
    expect(closed.status).toBe("out_of_scope");
    await expect(startWork(deps(), at(officer, privateDispute.code))).rejects.toMatchObject({
      code: "conflict",
    });
  });

  it("marks a photo safe for the public and takes the mark back", async () => {
    const item = await seedPakn(database.db, {
      attachments: [
        { kind: "location", latitude: 10, longitude: 106 },
        { kind: "image", path: "pakn/1/photo-1.jpg", mimeType: "image/jpeg" },
      ],
    });
    await expect(
      markPhotoSafe(deps(), { ...at(officer, item.code), index: 0, safe: true }),
    ).rejects.toMatchObject({
      code: "bad_request",
    });
    const row = await markPhotoSafe(deps(), { ...at(officer, item.code), index: 1, safe: true });
    expect(row.attachments[1]?.safe).toBe(true);
    const back = await markPhotoSafe(deps(), { ...at(leader, item.code), index: 1, safe: false });
    expect(back.attachments[1]?.safe).toBe(false);
    expect((await audits(item.code)).map((a) => a.data)).toEqual([
      { from: "assigned", to: "assigned", index: 1, safe: true },
      { from: "assigned", to: "assigned", index: 1, safe: false },
    ]);
  });
});
