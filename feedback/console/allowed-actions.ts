import { AWAITING_AGENCY, type PaknStatus, statusesLeadingTo } from "../lifecycle.js";
import { isProvinceWide, type SignedInOfficer } from "../officers/roles.js";
import type { PaknRow } from "../pakn-repo.js";

/** Everything an officer can do to a PAKN from its detail page. */
export const PAKN_ACTIONS = [
  "accept",
  "start",
  "resume",
  "note",
  "transfer",
  "return",
  "answer",
  "approve",
  "send_back",
  "publish",
  "assign",
  "merge",
  "reject",
  "out_of_scope",
  "photo",
] as const;

/** One console action on a PAKN. */
export type PaknAction = (typeof PAKN_ACTIONS)[number];

/** The buttons' words, in Vietnamese. */
export const ACTION_LABELS: Record<PaknAction, string> = {
  accept: "Tiếp nhận phản ánh được chuyển đến",
  start: "Bắt đầu xử lý",
  resume: "Tiếp tục xử lý (người dân đã bổ sung)",
  note: "Thêm ghi chú nội bộ",
  transfer: "Chuyển cơ quan khác",
  return: "Đề nghị người dân bổ sung thông tin",
  answer: "Lưu dự thảo trả lời, trình lãnh đạo duyệt",
  approve: "Duyệt trả lời",
  send_back: "Trả lại dự thảo để sửa",
  publish: "Công bố trả lời",
  assign: "Phân công cơ quan xử lý",
  merge: "Gộp vào phản ánh trùng",
  reject: "Từ chối tiếp nhận",
  out_of_scope: "Không thuộc phạm vi giải quyết",
  photo: "Đánh dấu ảnh",
};

/** The state each transition action moves the item to (note and photo move nothing). */
export const ACTION_TARGET: Partial<Record<PaknAction, PaknStatus>> = {
  accept: "assigned",
  start: "in_progress",
  resume: "in_progress",
  transfer: "transferred",
  return: "returned",
  answer: "answered",
  approve: "approved",
  send_back: "in_progress",
  publish: "published",
  assign: "assigned",
  merge: "merged",
  reject: "rejected",
  out_of_scope: "out_of_scope",
};

/**
 * Where the console deliberately offers an action from fewer states than the lifecycle allows
 * into its target, each with its reason; every other action is offered from every state that may
 * lead to its target.
 */
const NARROWED: Partial<Record<PaknAction, (from: PaknStatus) => boolean>> = {
  // An agency accepts what another agency forwarded to it; triage items are the coordinator's to assign.
  accept: (from) => from === "transferred",
  // Work is started, resumed and redone by three buttons, each named by where the item comes from.
  start: (from) => from === "assigned",
  resume: (from) => from === "returned",
  send_back: (from) => from === "answered",
  // An agency transfers what it holds; an item nobody holds yet is routed by assigning it.
  transfer: (from) => !AWAITING_AGENCY.includes(from),
  // Assigning routes an item nobody holds; a returned item stays with its agency (it resumes).
  assign: (from) => AWAITING_AGENCY.includes(from),
};

/** The states the console offers each transition action from: the lifecycle's, narrowed by `NARROWED`. */
const FROM: Partial<Record<PaknAction, readonly PaknStatus[]>> = Object.fromEntries(
  Object.entries(ACTION_TARGET).map(([action, to]) => [
    action,
    statusesLeadingTo(to).filter(NARROWED[action as PaknAction] ?? (() => true)),
  ]),
);

type Who = "agency" | "leader" | "province" | "anyone";

/**
 * Who may do each action, beyond seeing the item: "agency" = an officer or leader of the item's
 * agency; "leader" = that agency's leader; "province" = the coordinator or admin.
 */
const WHO: Record<PaknAction, readonly Who[]> = {
  accept: ["agency"],
  start: ["agency"],
  resume: ["agency"],
  note: ["anyone"],
  transfer: ["agency", "province"],
  return: ["agency"],
  answer: ["agency"],
  approve: ["leader", "province"],
  send_back: ["leader", "province"],
  publish: ["leader", "province"],
  assign: ["province"],
  merge: ["province"],
  reject: ["province"],
  out_of_scope: ["province"],
  photo: ["anyone"],
};

function roleFits(officer: SignedInOfficer, item: Pick<PaknRow, "agencyId">, who: Who): boolean {
  const ownAgency = officer.agencyId !== null && item.agencyId === officer.agencyId;
  if (who === "anyone") return true;
  if (who === "province") return isProvinceWide(officer.role);
  if (who === "leader") return ownAgency && officer.role === "leader";
  return ownAgency && (officer.role === "officer" || officer.role === "leader");
}

/** Whether the officer's role allows the action on this item at all (whatever its state). */
export function roleAllows(
  officer: SignedInOfficer,
  item: Pick<PaknRow, "agencyId">,
  action: PaknAction,
): boolean {
  return WHO[action].some((who) => roleFits(officer, item, who));
}

/** Whether the item's state allows the action (the lifecycle's moves, narrowed by the console's rules). */
export function stateAllows(item: Pick<PaknRow, "status" | "attachments">, action: PaknAction): boolean {
  if (action === "note") return true;
  if (action === "photo") return item.attachments.some((a) => a.kind === "image" && a.path);
  return Boolean(FROM[action]?.includes(item.status as PaknStatus));
}

/**
 * The actions this officer may take on this item now (the item is already known to be in scope):
 * the detail page shows exactly these forms, and every action checks again on the server.
 */
export function allowedActions(
  officer: SignedInOfficer,
  item: Pick<PaknRow, "status" | "agencyId" | "attachments">,
): PaknAction[] {
  return PAKN_ACTIONS.filter((a) => roleAllows(officer, item, a) && stateAllows(item, a));
}
