import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client.js";
import { officers } from "../../db/schema.js";
import { answerPakn, approvePakn } from "../../feedback/answer-pakn.js";
import type { PaknStatus } from "../../feedback/lifecycle.js";
import type { OfficerRole, SignedInOfficer } from "../../feedback/officers/roles.js";
import { createPakn, type NewPakn, type PaknRow, transitionPakn } from "../../feedback/pakn-repo.js";
import { confirmedPakn } from "./pakn.js";

/**
 * A console account stored straight in the table (no password hashing: domain tests never sign
 * in), returned as the signed-in officer the console functions take.
 */
export async function seedOfficer(
  db: Db,
  role: OfficerRole,
  agencyId: string | null = null,
  name = `Cán bộ ${role}`,
): Promise<SignedInOfficer> {
  const email = `${role}-${randomBytes(4).toString("hex")}@test.vn`;
  const [row] = await db
    .insert(officers)
    .values({ email, name, role, agencyId, passwordHash: "x", mustChangePassword: false })
    .returning();
  if (!row) throw new Error("officer not stored");
  return { id: row.id, email, name, role, agencyId };
}

/** What a seeded PAKN looks like: where it stands, for which agency, and its stored fields. */
export interface SeedPakn extends Partial<NewPakn> {
  status?: PaknStatus;
  agencyId?: string | null;
  field?: string | null;
  answer?: string;
}

let counter = 0;

/** A PAKN moved through the real lifecycle (system actors) to the wanted state. */
export async function seedPakn(db: Db, over: SeedPakn = {}): Promise<PaknRow> {
  const { status = "assigned", agencyId = "so-xay-dung", field = "Giao thông", answer, ...input } = over;
  counter += 1;
  const { row } = await createPakn(
    db,
    confirmedPakn(`seed-${randomBytes(4).toString("hex")}-${counter}`, input),
  );
  const id = row.id;
  const go = async (to: PaknStatus, extra: Parameters<typeof transitionPakn>[1]["set"] = {}, note?: string) =>
    (await transitionPakn(db, { paknId: id, to, actor: "system:test", note, set: extra })).row;
  let last = row;
  if (status === "received") return last;
  if (status === "classified") return go("classified", { field });
  last = await go("assigned", { agencyId, field });
  if (status === "assigned") return last;
  if (status === "transferred") return go("transferred", { agencyId }, "Chuyển đúng thẩm quyền");
  if (status === "returned") return go("returned", {}, "Vui lòng gửi thêm ảnh");
  if (["rejected", "merged", "out_of_scope"].includes(status))
    return go(status, status === "merged" ? { mergedInto: "PAKN.20260101.0001" } : {}, "Lý do kiểm thử");
  last = await go("in_progress");
  if (status === "in_progress") return last;
  const text = answer ?? "UBND đã cho sửa chữa đoạn đường bị hỏng, dự kiến xong trong tuần này.";
  last = await answerPakn({ db }, { paknId: id, actor: "system:test", answer: text });
  if (status === "answered") return last;
  last = await approvePakn({ db }, { paknId: id, actor: "system:test" });
  if (status === "approved") return last;
  throw new Error(`seedPakn cannot reach ${status}`);
}
