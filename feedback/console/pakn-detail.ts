import { asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { officers, paknNotes } from "../../db/schema.js";
import type { SignedInOfficer } from "../officers/roles.js";
import { type PaknEventRow, type PaknRow, paknHistory } from "../pakn-repo.js";
import type { AgencyDirectory } from "../routing/agencies.js";
import type { WorkingCalendar } from "../working-calendar.js";
import { allowedActions, type PaknAction } from "./allowed-actions.js";
import { type CannedAnswer, listCannedAnswers } from "./canned-answers.js";
import { clockRunning, type DeadlineMark, deadlineMark, workingDaysLeft } from "./deadline-marks.js";
import { type PublicPreview, publicPreview } from "./leader-actions.js";
import { actorLabel } from "./officer-labels.js";
import { loadPaknFor } from "./pakn-scope.js";

/** A history step as the detail page shows it. */
export interface HistoryEntry {
  event: PaknEventRow;
  actor: string;
}

/** An internal note with its author's name. */
export interface NoteEntry {
  id: number;
  body: string;
  createdAt: Date;
  author: string;
}

/** Everything the detail page shows for one PAKN the officer may see. */
export interface PaknDetail {
  item: PaknRow;
  agencyName: string | null;
  history: HistoryEntry[];
  notes: NoteEntry[];
  mark: DeadlineMark;
  /** Working days left to answer (negative once overdue); null once answered or closed. */
  daysLeft: number | null;
  actions: PaknAction[];
  cannedAnswers: CannedAnswer[];
  /** What publishing would make public, while a draft waits for approval or publication. */
  preview: PublicPreview | null;
}

async function officerNames(db: Db, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: officers.id, name: officers.name })
    .from(officers)
    .where(inArray(officers.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Loads a PAKN's detail for an officer (not found outside their scope). */
export async function loadPaknDetail(
  deps: { db: Db; calendar: WorkingCalendar; agencies: AgencyDirectory; now?: () => Date },
  officer: SignedInOfficer,
  code: string,
): Promise<PaknDetail> {
  const now = deps.now?.() ?? new Date();
  const item = await loadPaknFor(deps, officer, code);
  const events = await paknHistory(deps.db, item.id);
  const notes = await deps.db
    .select()
    .from(paknNotes)
    .where(eq(paknNotes.paknId, item.id))
    .orderBy(asc(paknNotes.id));
  const ids = new Set<number>(notes.map((n) => n.officerId));
  for (const e of events) {
    const [kind, id] = e.actor.split(":");
    if (kind === "officer" && Number.isSafeInteger(Number(id))) ids.add(Number(id));
  }
  const names = await officerNames(deps.db, [...ids]);
  const mark = deadlineMark(deps.calendar, now, item);
  const actions = allowedActions(officer, item);
  return {
    item,
    agencyName: item.agencyId ? (deps.agencies.get(item.agencyId)?.name ?? item.agencyId) : null,
    history: events.map((event) => ({ event, actor: actorLabel(event.actor, names) })),
    notes: notes.map((n) => ({
      id: n.id,
      body: n.body,
      createdAt: n.createdAt,
      author: names.get(n.officerId) ?? "Cán bộ",
    })),
    mark,
    daysLeft: clockRunning(item.status) ? workingDaysLeft(deps.calendar, now, item.answerDueAt) : null,
    actions,
    cannedAnswers: actions.includes("answer")
      ? await listCannedAnswers(deps, officer, { forAgency: item.agencyId })
      : [],
    preview: ["answered", "approved"].includes(item.status) ? publicPreview(item) : null,
  };
}
