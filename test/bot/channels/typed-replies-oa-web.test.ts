import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWebInbox } from "../../../bot/channels/web-inbox.js";
import type { Database } from "../../../db/client.js";
import { listPaknBySender } from "../../../feedback/pakn-repo.js";
import { buildWebApp } from "../../../web/app.js";
import { createTestDispatcher, testFeedbackService } from "../../helpers/bot.js";
import { createTestDatabase } from "../../helpers/databases.js";
import { silentLogger } from "../../helpers/knowledge.js";
import { createTestRedis } from "../../helpers/redis.js";
import {
  createZaloHarness,
  postEvent,
  type ZaloHarness,
  type ZaloProcess,
  zaloEvent,
} from "./zalo-oa/zalo-oa-harness.js";

const REPORT = "Đèn đường trục chính thôn 4 hỏng cả tháng nay không ai sửa, buổi tối rất tối và nguy hiểm";
const PLACE = "Thôn 4, xã Hòa Tiến";
const FILED = {
  kind: "phan_anh",
  content: REPORT,
  place: PLACE,
  contactName: "Trần Thị Mai",
  contactPhone: "0987654321",
  contactAddress: "Tổ 7, phường Hòa Khánh, TP Đà Nẵng",
};

/**
 * The answer to each question of the intake, typed (never a button): the reply the bot is waiting
 * for, chosen from what it just asked.
 */
function typedAnswer(asked: string, yes: string): string {
  if (/liên quan đến thủ tục/.test(asked)) return "không";
  if (/xảy ra ở đâu/.test(asked)) return PLACE;
  if (/ảnh chụp hiện trường/.test(asked)) return "bỏ qua";
  if (/Bạn có đồng ý không/.test(asked)) return "đồng ý";
  if (/họ và tên/.test(asked)) return "Trần Thị Mai";
  if (/Số điện thoại/.test(asked)) return "0987 654 321";
  if (/Địa chỉ liên hệ/.test(asked)) return "Tổ 7, phường Hòa Khánh, TP Đà Nẵng";
  if (/kiểm tra lại/.test(asked)) return yes;
  throw new Error(`unexpected question: ${asked}`);
}

/** Walks the intake from a reported problem to the summary's answer, typing every reply. */
async function fileByTyping(say: (text: string) => Promise<string>, yes: string, confirm: string) {
  expect(await say(REPORT)).toMatch(/Có vẻ bạn đang phản ánh/);
  let asked = await say(yes);
  expect(asked).not.toMatch(/chưa tìm thấy thủ tục/);
  for (let turn = 0; turn < 10 && !/PAKN\.\d{8}\.\d{4}/.test(asked); turn++)
    asked = await say(typedAnswer(asked, confirm));
  return asked;
}

describe("typed answers on the Zalo Official Account", () => {
  let h: ZaloHarness;
  let p: ZaloProcess;

  beforeAll(async () => {
    h = await createZaloHarness("pg");
    p = await h.process({}, { feedback: testFeedbackService(h.database.db) });
  });
  afterAll(async () => {
    await h.dispose();
  });

  /** Sends a typed message to the OA and returns the texts the bot sent for it. */
  function oaChat(user: string) {
    return async (text: string): Promise<string> => {
      const before = h.fake.deliveredTo(user).length;
      expect((await postEvent(p.app, zaloEvent("user_send_text", user, { text }))).statusCode).toBe(200);
      await h.fake.waitFor(() => h.fake.deliveredTo(user).length > before);
      // Waits for the turn's outgoing messages to be delivered.
      await p.channel.stop?.();
      return h.fake
        .deliveredTo(user)
        .slice(before)
        .map((c) => c.text)
        .join("\n");
    };
  }

  it("files a PAKN answered only by typing (có … ok), each field in its column", async () => {
    const user = "oa-typed-6100";
    const done = await fileByTyping(oaChat(user), "có", "ok");
    expect(done).toMatch(/Đã gửi thành công/);
    const [filed] = await listPaknBySender(h.database.db, { channel: "zalo", user });
    expect(done).toContain(filed?.code);
    expect(filed).toMatchObject(FILED);
  });

  it("“không” typed after a report ends the offer politely", async () => {
    const say = oaChat("oa-typed-6200");
    expect(await say(REPORT)).toMatch(/Có vẻ bạn đang phản ánh/);
    expect(await say("không")).toMatch(/không gửi phản ánh này/);
  });
});

describe("typed answers in the web chat", () => {
  const r = createTestRedis();
  let database: Database;
  let dispose: () => Promise<void>;
  let app: FastifyInstance;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pg"));
    app = await buildWebApp({
      dispatcher: createTestDispatcher(r, { feedback: testFeedbackService(database.db) }),
      inbox: createWebInbox(r.redis, { prefix: r.prefix }),
      logger: silentLogger,
      sessionSecret: "typed-web-secret-0123456789abcdef",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await dispose();
    await r.dispose();
  });

  /** A visitor of the chat page: posts typed text with its cookie and returns the replies' texts. */
  function webChat() {
    const visitor = { cookie: "" };
    const say = async (text: string): Promise<string> => {
      const res = await app.inject({
        method: "POST",
        url: "/api/chat/messages",
        headers: {
          "content-type": "application/json",
          ...(visitor.cookie ? { cookie: visitor.cookie } : {}),
        },
        payload: JSON.stringify({ text }),
      });
      expect(res.statusCode).toBe(200);
      const set = res.headers["set-cookie"];
      if (set && !visitor.cookie) visitor.cookie = String(set).split(";")[0] as string;
      return (res.json().replies as Array<{ text: string }>).map((reply) => reply.text).join("\n");
    };
    /** The conversation (and sender) the signed cookie names. */
    const conversation = () => decodeURIComponent(visitor.cookie.split("=")[1] ?? "").split(".")[0] as string;
    return { say, conversation };
  }

  it("files a PAKN answered only by typing (có … xác nhận), each field in its column", async () => {
    const visitor = webChat();
    const done = await fileByTyping(visitor.say, "có", "xác nhận");
    expect(done).toMatch(/Đã gửi thành công/);
    const [filed] = await listPaknBySender(database.db, { channel: "web", user: visitor.conversation() });
    expect(done).toContain(filed?.code);
    expect(filed).toMatchObject(FILED);
  });

  it("“không” typed after a report ends the offer politely", async () => {
    const { say } = webChat();
    expect(await say(REPORT)).toMatch(/Có vẻ bạn đang phản ánh/);
    expect(await say("không")).toMatch(/không gửi phản ánh này/);
  });
});
