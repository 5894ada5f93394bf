import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { configSchema } from "../../app/config.js";
import type { Channel } from "../../bot/channels/channel.js";
import { createTelegramChannel } from "../../bot/channels/telegram/index.js";
import type { Database } from "../../db/client.js";
import { composeOfficerAlert } from "../../feedback/compose-officer-alert.js";
import { notifyOfficers, type OfficerAlertDeps } from "../../feedback/notify-agency.js";
import type { PushMessage } from "../../feedback/notify-citizen.js";
import { createPakn, paknHistory, transitionPakn } from "../../feedback/pakn-repo.js";
import { loadAgencies } from "../../feedback/routing/agencies.js";
import { supplementPakn } from "../../feedback/supplement-pakn.js";
import { createTestDispatcher } from "../helpers/bot.js";
import { createTestDatabase, DRIVERS } from "../helpers/databases.js";
import { type FakeTelegram, startFakeTelegram } from "../helpers/fake-telegram.js";
import { silentLogger } from "../helpers/knowledge.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { createTestRedis } from "../helpers/redis.js";

const TOKEN = "444000222:AAagency-alert-token-for-the-fake-bot-api";
const XAY_DUNG = -100123;
const COORDINATOR = -100999;

describe("an officer alert's text", () => {
  it("names the PAKN, its kind, agency, status and due date, and masks numbers typed in the content", () => {
    const text = composeOfficerAlert({
      alert: "assigned",
      code: "PAKN.20261120.0007",
      kind: "kien_nghi",
      content: "Đề nghị   sửa cầu treo thôn 5,\nliên hệ 0912.345.678 hoặc CCCD 012345678901. ".repeat(10),
      status: "assigned",
      agencyName: "Sở Xây dựng",
      answerDueAt: new Date("2026-12-04T16:59:59Z"),
    });
    const lines = text.split("\n");
    expect(lines.slice(0, 5)).toEqual([
      "PAKN mới được giao cho đơn vị xử lý.",
      "Mã: PAKN.20261120.0007",
      "Loại: Kiến nghị",
      "Cơ quan xử lý: Sở Xây dựng",
      "Trạng thái: Đã chuyển đến cơ quan có thẩm quyền",
    ]);
    expect(lines[5]).toBe("Hạn trả lời: 04/12/2026");
    expect(lines[6]).toMatch(/^Nội dung: Đề nghị sửa cầu treo thôn 5, liên hệ \[phone\] hoặc CCCD \[id\]\./);
    expect(lines[6]?.endsWith("…")).toBe(true);
    expect(lines[6]?.length).toBeLessThan(320);
  });
});

describe.each(DRIVERS)("alerting officers of new assignments and triage on %s", (driver) => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let fake: FakeTelegram;
  let channel: Channel;
  let deps: OfficerAlertDeps;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase(driver));
    fake = await startFakeTelegram(TOKEN);
    channel = createTelegramChannel({
      config: configSchema.parse({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot }),
      dispatcher: createTestDispatcher(r),
      logger: silentLogger,
      redis: r.redis,
      prefix: r.prefix,
    });
    const push: PushMessage = async (name, conversation, replies) => {
      if (name !== "telegram" || !channel.push) return false;
      await channel.push(conversation, replies);
      return true;
    };
    deps = {
      db: database.db,
      push,
      chats: { agencies: { "so-xay-dung": String(XAY_DUNG) }, coordinator: String(COORDINATOR) },
      agencies: loadAgencies(),
    };
  });
  afterAll(async () => {
    await fake.close();
    await dispose();
    await r.dispose();
  });

  const filed = (id: string) =>
    createPakn(
      database.db,
      confirmedPakn(id, {
        content: "Công trình xây dựng không phép trên đất nông nghiệp ở thôn Đông.",
        contact: { name: "Lê Văn Cường", phone: "0903123456", address: "Thôn Đông, xã Hòa Phú" },
        answerDueAt: new Date("2026-12-04T16:59:59Z"),
      }),
    );
  const sentTo = (chat: number) => fake.callsOf("sendMessage").filter((c) => c.body.chat_id === chat);

  it("tells the agency's chat of a new assignment once, without the sender's identity", async () => {
    const { row } = await filed("agency-1");
    const { event } = await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system:router",
      set: { agencyId: "so-xay-dung" },
    });
    expect(await notifyOfficers(deps, { eventId: event.id })).toBe("sent");
    expect(await notifyOfficers(deps, { eventId: event.id })).toBe("already_sent");
    const sent = sentTo(XAY_DUNG);
    expect(sent).toHaveLength(1);
    const text = String(sent[0]?.body.text);
    expect(text).toContain("PAKN mới được giao cho đơn vị xử lý.");
    expect(text).toContain(`Mã: ${row.code}`);
    expect(text).toContain("Cơ quan xử lý: Sở Xây dựng");
    expect(text).toContain("Hạn trả lời: 04/12/2026");
    for (const personal of ["Lê Văn Cường", "0903123456", "Thôn Đông, xã Hòa Phú"])
      expect(text).not.toContain(personal);
  });

  it("tells the agency's chat when the citizen sent the information an officer asked for", async () => {
    const { row } = await filed("agency-supplement");
    const sender = { channel: row.channel, user: row.channelUser };
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "so-xay-dung" },
    });
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "returned",
      actor: "officer:1",
      note: "Địa chỉ cụ thể?",
    });
    const before = sentTo(XAY_DUNG).length;
    expect(
      await supplementPakn({ db: database.db }, { sender, text: "Số 12 đường Lê Lợi, thôn Đông" }),
    ).toEqual({
      kind: "supplemented",
      code: row.code,
    });
    const [last] = (await paknHistory(database.db, row.id)).slice(-1);
    expect(await notifyOfficers(deps, { eventId: Number(last?.id) })).toBe("sent");
    const sent = sentTo(XAY_DUNG).slice(before);
    expect(sent).toHaveLength(1);
    expect(String(sent[0]?.body.text)).toContain("Người dân đã bổ sung thông tin");
    expect(String(sent[0]?.body.text)).toContain(`Mã: ${row.code}`);
  });

  it("tells the receiving agency's chat of a transfer, with the reason", async () => {
    const { row } = await filed("agency-transfer");
    await transitionPakn(database.db, {
      paknId: row.id,
      to: "assigned",
      actor: "system",
      set: { agencyId: "ubnd-xa" },
    });
    const { event } = await transitionPakn(database.db, {
      paknId: row.id,
      to: "transferred",
      actor: "officer:1",
      note: "Công trình thuộc thẩm quyền cấp phép của Sở",
      data: { fromAgency: "ubnd-xa", toAgency: "so-xay-dung" },
      set: { agencyId: "so-xay-dung" },
    });
    const before = sentTo(XAY_DUNG).length;
    expect(await notifyOfficers(deps, { eventId: event.id })).toBe("sent");
    const text = String(sentTo(XAY_DUNG).slice(before)[0]?.body.text);
    expect(text).toContain("PAKN được chuyển đến để xử lý");
    expect(text).toContain("Lý do chuyển: Công trình thuộc thẩm quyền cấp phép của Sở");
    expect(text).toContain("Cơ quan xử lý: Sở Xây dựng");
  });

  it("sends a PAKN left for triage to the coordinator, and an agency without a chat's to the coordinator too", async () => {
    const doubtful = await filed("agency-2");
    const triaged = await transitionPakn(database.db, {
      paknId: doubtful.row.id,
      to: "classified",
      actor: "system:router",
      note: "Chờ điều phối viên phân công cơ quan xử lý",
      data: { triage: true, confidence: 0.2 },
    });
    expect(await notifyOfficers(deps, { eventId: triaged.event.id })).toBe("sent");
    const other = await filed("agency-3");
    const assigned = await transitionPakn(database.db, {
      paknId: other.row.id,
      to: "assigned",
      actor: "system:router",
      set: { agencyId: "so-y-te" },
    });
    expect(await notifyOfficers(deps, { eventId: assigned.event.id })).toBe("sent");
    const texts = sentTo(COORDINATOR).map((c) => String(c.body.text));
    expect(texts).toHaveLength(2);
    expect(texts[0]).toMatch(/^PAKN mới cần điều phối viên phân công cơ quan xử lý/);
    expect(texts[0]).toContain(`Mã: ${doubtful.row.code}`);
    expect(texts[1]).toContain("chưa có nhóm Telegram");
    expect(texts[1]).toContain("Cơ quan xử lý: Sở Y tế");
  });

  it("leaves other events alone and records an alert nobody can receive instead of retrying", async () => {
    const { row } = await filed("agency-4");
    const rejected = await transitionPakn(database.db, {
      paknId: row.id,
      to: "rejected",
      actor: "officer:1",
      note: "Không thuộc thẩm quyền",
    });
    expect(await notifyOfficers(deps, { eventId: rejected.event.id })).toBe("not_applicable");
    const { row: lone } = await filed("agency-5");
    const assigned = await transitionPakn(database.db, {
      paknId: lone.id,
      to: "assigned",
      actor: "system:router",
      set: { agencyId: "ubnd-xa" },
    });
    const before = fake.callsOf("sendMessage").length;
    const none = { ...deps, chats: { agencies: {} } };
    expect(await notifyOfficers(none, { eventId: assigned.event.id })).toBe("unreachable");
    expect(await notifyOfficers(deps, { eventId: assigned.event.id })).toBe("already_sent");
    expect(fake.callsOf("sendMessage").length).toBe(before);
    expect(await notifyOfficers(deps, { eventId: 987_654 })).toBe("missing");
  });
});
