/**
 * Console roles: officer (works its own agency's PAKN), leader (also approves its agency's answers),
 * coordinator (province-wide triage, re-routing, merging, rejecting, deadlines), admin (settings),
 * editor (the knowledge base: turns the questions the assistant could not answer into answers).
 */
export const OFFICER_ROLES = ["officer", "leader", "coordinator", "admin", "editor"] as const;
export type OfficerRole = (typeof OFFICER_ROLES)[number];

/** Vietnamese names of the roles, as the console shows them. */
export const ROLE_LABELS: Record<OfficerRole, string> = {
  officer: "Cán bộ xử lý",
  leader: "Lãnh đạo đơn vị",
  coordinator: "Điều phối (Văn phòng UBND tỉnh)",
  admin: "Quản trị hệ thống",
  editor: "Biên tập tri thức",
};

/** The signed-in staff member every console request carries. */
export interface SignedInOfficer {
  id: number;
  email: string;
  name: string;
  role: OfficerRole;
  /** The canonical agency id (assets/agencies.tsv) for officer and leader; null for the province-wide roles. */
  agencyId: string | null;
}

/** True for the roles that see every agency's PAKN. */
export function isProvinceWide(role: OfficerRole): boolean {
  return role === "coordinator" || role === "admin";
}

/** Narrows a stored role string. */
export function isOfficerRole(value: string): value is OfficerRole {
  return (OFFICER_ROLES as readonly string[]).includes(value);
}

/** The roles that curate the knowledge base (the editor, and the coordinator and admin as well). */
export const KNOWLEDGE_EDITOR_ROLES: readonly OfficerRole[] = ["editor", "coordinator", "admin"];

/** True for the roles that may turn unanswered questions into answers. */
export function canEditKnowledge(role: OfficerRole): boolean {
  return KNOWLEDGE_EDITOR_ROLES.includes(role);
}
