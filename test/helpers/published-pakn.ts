import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { pakn } from "../../db/schema.js";
import { answerPakn, approvePakn, publishPakn } from "../../feedback/answer-pakn.js";
import { createPakn, type NewPakn, type PaknRow, transitionPakn } from "../../feedback/pakn-repo.js";
import { confirmedPakn } from "./pakn.js";
import { TEST_NOW } from "./test-clock.js";

const DAY = 24 * 60 * 60 * 1000;

/** A PAKN for the public side: when it came, when its answer was due, and how far it got. */
export interface PublicSeed extends Partial<NewPakn> {
  agencyId?: string | null;
  field?: string | null;
  /** answered = draft awaiting approval; published = public; open = still being handled. */
  stage?: "open" | "answered" | "published";
  answer?: string;
  answeredAt?: Date;
  publishedAt?: Date;
  rating?: number;
}

/**
 * A PAKN taken through the real lifecycle (assigned, in progress, answered, approved, published)
 * with the dates a test needs; received 10 days before `TEST_NOW` and due 5 days after it unless told
 * otherwise.
 */
export async function seedPublicPakn(db: Db, over: PublicSeed = {}): Promise<PaknRow> {
  const {
    agencyId = "so-xay-dung",
    field = "Giao thông vận tải",
    stage = "published",
    answer = "Sở Xây dựng đã chỉ đạo sửa chữa đoạn đường hư hỏng, dự kiến hoàn thành trong tháng.",
    answeredAt,
    publishedAt,
    rating,
    ...input
  } = over;
  const receivedAt = input.receivedAt ?? new Date(TEST_NOW.getTime() - 10 * DAY);
  const { row } = await createPakn(
    db,
    confirmedPakn(`pub-${randomBytes(5).toString("hex")}`, {
      forwardDueAt: receivedAt,
      answerDueAt: new Date(receivedAt.getTime() + 15 * DAY),
      ...input,
      receivedAt,
    }),
  );
  const id = row.id;
  const handled = new Date(receivedAt.getTime() + 60_000);
  await transitionPakn(db, {
    paknId: id,
    to: "assigned",
    actor: "system:test",
    set: { agencyId, field },
    at: handled,
  });
  let last = (await transitionPakn(db, { paknId: id, to: "in_progress", actor: "system:test", at: handled }))
    .row;
  if (stage === "open") return last;
  const at = answeredAt ?? new Date(receivedAt.getTime() + 3 * DAY);
  last = await answerPakn({ db, now: () => at }, { paknId: id, actor: "system:test", answer });
  if (stage === "answered") return last;
  await approvePakn({ db, now: () => at }, { paknId: id, actor: "system:test" });
  const pub = publishedAt ?? new Date(at.getTime() + DAY);
  last = await publishPakn({ db, now: () => pub }, { paknId: id, actor: "system:test" });
  if (rating !== undefined) {
    const [rated] = await db.update(pakn).set({ rating, ratedAt: pub }).where(eq(pakn.id, id)).returning();
    if (rated) last = rated;
  }
  return last;
}
