import { and, eq } from "drizzle-orm";
import { pakn } from "../../db/schema.js";
import { transitionPakn } from "../pakn-repo.js";
import { type ActionDeps, type ActionTarget, officerActor, runPaknAction } from "./action-runner.js";
import { cleanText } from "./agency-actions.js";
import { refuse } from "./refusal.js";

/** The coordinator assigns an item without an agency (triage, or one sent back) to the agency that handles it. */
export async function assignAgency(
  deps: ActionDeps,
  target: ActionTarget & { agencyId: string; note?: string },
) {
  const agencyId = target.agencyId?.trim();
  if (!agencyId || !deps.agencies.get(agencyId))
    throw refuse("bad_request", "unknown agency", "Vui lòng chọn cơ quan xử lý trong danh sách.");
  const note = cleanText(target.note);
  return runPaknAction(deps, target, "assign", async (tx, row) => {
    const moved = await transitionPakn(tx, {
      at: deps.now?.(),
      paknId: row.id,
      to: "assigned",
      actor: officerActor(target.officer),
      note: note ?? null,
      data: { fromAgency: row.agencyId, toAgency: agencyId },
      set: { agencyId },
    });
    return { row: moved.row, audit: { fromAgency: row.agencyId, toAgency: agencyId } };
  });
}

/** The coordinator closes an item as a duplicate of another one; its citizen is told which code to follow. */
export async function mergeInto(deps: ActionDeps, target: ActionTarget & { into: string; reason?: string }) {
  const into = (target.into ?? "").trim().toUpperCase();
  if (!into) throw refuse("bad_request", "merge target required", "Vui lòng nhập mã phản ánh cần gộp vào.");
  return runPaknAction(deps, target, "merge", async (tx, row) => {
    if (into === row.code)
      throw refuse("bad_request", "merge into itself", "Không thể gộp phản ánh vào chính nó.");
    const [other] = await tx
      .select({ code: pakn.code, status: pakn.status })
      .from(pakn)
      .where(and(eq(pakn.code, into)));
    if (!other) throw refuse("bad_request", "merge target missing", `Không tìm thấy phản ánh mã ${into}.`);
    if (other.status === "merged")
      throw refuse(
        "bad_request",
        "merge target merged",
        `Phản ánh ${into} cũng đã được gộp; vui lòng gộp vào phản ánh gốc.`,
      );
    const reason =
      cleanText(target.reason) ??
      `Trùng nội dung với phản ánh ${into}; kết quả xử lý được theo dõi theo mã ${into}.`;
    const moved = await transitionPakn(tx, {
      at: deps.now?.(),
      paknId: row.id,
      to: "merged",
      actor: officerActor(target.officer),
      note: reason,
      data: { into },
      set: { mergedInto: into },
    });
    return { row: moved.row, audit: { into } };
  });
}

/** The coordinator refuses to handle an item, with the reason the citizen is told. */
export async function rejectPakn(deps: ActionDeps, target: ActionTarget & { reason: string }) {
  const reason = cleanText(target.reason, { required: "Vui lòng ghi rõ lý do từ chối." }) as string;
  return runPaknAction(deps, target, "reject", async (tx, row) => ({
    row: (
      await transitionPakn(tx, {
        at: deps.now?.(),
        paknId: row.id,
        to: "rejected",
        actor: officerActor(target.officer),
        note: reason,
      })
    ).row,
  }));
}

/** The coordinator closes an item that no public body here handles (e.g. a private dispute), with the reason. */
export async function markOutOfScope(deps: ActionDeps, target: ActionTarget & { reason: string }) {
  const reason = cleanText(target.reason, {
    required: "Vui lòng ghi rõ vì sao nội dung không thuộc phạm vi giải quyết.",
  }) as string;
  return runPaknAction(deps, target, "out_of_scope", async (tx, row) => ({
    row: (
      await transitionPakn(tx, {
        at: deps.now?.(),
        paknId: row.id,
        to: "out_of_scope",
        actor: officerActor(target.officer),
        note: reason,
      })
    ).row,
  }));
}
