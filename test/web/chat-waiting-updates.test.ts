import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pushThrough } from "../../app/worker-role.js";
import { createWebInbox } from "../../bot/channels/web-inbox.js";
import type { Database } from "../../db/client.js";
import { rowsOf } from "../../db/migrate.js";
import { WAITING_UPDATES_LEAD } from "../../feedback/citizen-delivery/take-waiting.js";
import { notifyCitizen } from "../../feedback/notify-citizen.js";
import { createPakn, transitionPakn } from "../../feedback/pakn-repo.js";
import { buildWebApp } from "../../web/app.js";
import { createTestDispatcher, testFeedbackService } from "../helpers/bot.js";
import { createTestDatabase } from "../helpers/databases.js";
import { silentLogger } from "../helpers/knowledge.js";
import { confirmedPakn } from "../helpers/pakn.js";
import { createTestRedis } from "../helpers/redis.js";
import { TEST_NOW } from "../helpers/test-clock.js";

describe("a web chat visitor told of their PAKN while the page is open, and when they come back", () => {
  const r = createTestRedis();
  const inbox = createWebInbox(r.redis, { prefix: r.prefix });
  let web: FastifyInstance;
  let database: Database;
  let dispose: () => Promise<void>;

  beforeAll(async () => {
    ({ database, dispose } = await createTestDatabase("pglite"));
    const feedback = testFeedbackService(database.db);
    web = await buildWebApp({
      dispatcher: createTestDispatcher(r, { feedback }),
      feedback,
      inbox,
      logger: silentLogger,
      sessionSecret: "test-secret-0123456789abcdef",
      secureCookies: false,
      probes: { database: async () => 1, redis: () => r.redis.ping(), procedures: () => 2642 },
    });
  }, 120_000);
  afterAll(async () => {
    await web.close();
    await r.dispose();
    await dispose();
  });

  const get = (url: string, cookie: string) =>
    web.inject({ url, headers: { cookie } }).then((res) => res.json());
  const status = async (eventId: number) => {
    const [row] = rowsOf<{ status: string; route: string | null; reason: string | null }>(
      await database.db.execute(
        sql`SELECT status, route, reason FROM notifications WHERE event_id = ${eventId} AND audience = 'citizen'`,
      ),
    );
    return row;
  };

  it("pushes while the page polls; after it closed, the update waits and shows first when the page opens again", async () => {
    const first = await web.inject({
      method: "POST",
      url: "/api/chat/messages",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ text: "xin chào" }),
    });
    const cookie = String(first.headers["set-cookie"]).split(";")[0] as string;
    const conversation = decodeURIComponent(cookie.split("=")[1] ?? "").split(".")[0] as string;
    const { row } = await createPakn(
      database.db,
      confirmedPakn("web-1", { channel: "web", channelUser: conversation, conversation }),
    );
    const deps = { db: database.db, push: pushThrough([inbox.channel]), now: () => TEST_NOW };
    const move = async (to: "assigned" | "rejected", set = {}) =>
      (
        await transitionPakn(database.db, {
          paknId: row.id,
          to,
          actor: "officer:1",
          set,
          note: "Không thuộc thẩm quyền",
        })
      ).event;

    await get("/api/chat/updates", cookie);
    const assigned = await move("assigned", { agencyId: "ubnd-xa" });
    expect(await notifyCitizen(deps, { eventId: assigned.id })).toBe("sent");
    expect(await status(assigned.id)).toMatchObject({ status: "sent", route: "web" });
    const { replies } = await get("/api/chat/updates", cookie);
    expect(replies[0].text).toContain(row.code);

    // The visitor closed the page: nothing polls any more.
    await r.redis.del(`${r.prefix}web-live:${conversation}`);
    const rejected = await move("rejected");
    expect(await notifyCitizen(deps, { eventId: rejected.id })).toBe("waiting");
    expect(await status(rejected.id)).toMatchObject({ status: "waiting", reason: "window_closed" });

    const { entries } = await get("/api/chat/history", cookie);
    const texts = entries.map((e: { text: string }) => e.text);
    const lead = texts.indexOf(WAITING_UPDATES_LEAD);
    expect(lead).toBeGreaterThan(0);
    expect(texts[lead + 1]).toContain("Không thuộc thẩm quyền");
    expect(await status(rejected.id)).toMatchObject({ status: "sent", route: "next_contact" });

    // A reload shows the conversation again, but the update is not told twice.
    const again = (await get("/api/chat/history", cookie)).entries.map((e: { text: string }) => e.text);
    expect(again.filter((t: string) => t === WAITING_UPDATES_LEAD)).toHaveLength(1);
  });
});
