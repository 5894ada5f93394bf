import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

/**
 * A procedure record as stored: knowledge/procedure.ts defines and validates it before it is
 * written, and its readers there give it that type (the database layer does not know procedures).
 */
export type StoredProcedure = { code: string; name: string } & Record<string, unknown>;

/** The knowledge base: one row per procedure, the canonical record as JSON, upserted by code. */
export const procedures = pgTable("procedures", {
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  data: jsonb("data").$type<StoredProcedure>().notNull(),
  /** sha-256 of the canonical JSON, so a re-import of unchanged records writes nothing. */
  contentHash: text("content_hash").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One row per knowledge-base import, for operators to see what was loaded and when. */
export const importRuns = pgTable("import_runs", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  source: text("source").notNull(),
  format: text("format").notNull(),
  inserted: integer("inserted").notNull(),
  updated: integer("updated").notNull(),
  unchanged: integer("unchanged").notNull(),
  skipped: integer("skipped").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The current OAuth token pair of a channel that rotates its tokens (Zalo OA): each refresh token
 * works once, so every process reads and replaces the pair here, one refresher at a time.
 */
export const channelTokens = pgTable("channel_tokens", {
  channel: text("channel").primaryKey(),
  accessToken: text("access_token").notNull(),
  refreshToken: text("refresh_token").notNull(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  /** sha-256 of the configured pair the row was seeded from, so new operator tokens replace it. */
  seedHash: text("seed_hash").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Replies a channel could not deliver for a permanent reason (e.g. Zalo's 7-day window), for operators. */
export const deliveryFailures = pgTable(
  "delivery_failures",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    channel: text("channel").notNull(),
    recipient: text("recipient").notNull(),
    errorCode: integer("error_code").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("delivery_failures_channel_recipient_idx").on(t.channel, t.recipient)],
);

/** A photo or place a citizen attached to a PAKN (files live under DATA_DIR; never public until marked safe). */
export interface PaknAttachment {
  kind: "image" | "location";
  /** Stored file path relative to the uploads directory, or the channel's URL before download. */
  path?: string;
  url?: string;
  mimeType?: string;
  size?: number;
  latitude?: number;
  longitude?: number;
  /** Why the pipeline refused or could not fetch the photo (too large, not an image, gone); no file then. */
  rejected?: string;
  /** Set when an officer checked the photo shows no personal data; only such photos are ever public. */
  safe?: boolean;
}

/**
 * A complaint or recommendation (phản ánh, kiến nghị) or a question ticket: what the citizen said,
 * who they are (only after consent), where it came from, and where it stands.
 */
export const pakn = pgTable(
  "pakn",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Tracking code shown to the citizen: PAKN.YYYYMMDD.NNNN. */
    code: text("code").notNull(),
    kind: text("kind").notNull(),
    status: text("status").notNull(),
    content: text("content").notNull(),
    procedureCode: text("procedure_code"),
    place: text("place"),
    agencyId: text("agency_id"),
    field: text("field"),
    attachments: jsonb("attachments").$type<PaknAttachment[]>().notNull().default([]),
    contactName: text("contact_name").notNull(),
    contactPhone: text("contact_phone").notNull(),
    contactAddress: text("contact_address").notNull(),
    consentAt: timestamp("consent_at", { withTimezone: true }).notNull(),
    /** The channel identity of the sender: notifications go back there, and only it sees private details. */
    channel: text("channel").notNull(),
    channelUser: text("channel_user").notNull(),
    conversation: text("conversation").notNull(),
    /** The channel's id of the confirming message, so a redelivered confirmation creates nothing. */
    inboundMessageId: text("inbound_message_id").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    forwardDueAt: timestamp("forward_due_at", { withTimezone: true }).notNull(),
    answerDueAt: timestamp("answer_due_at", { withTimezone: true }).notNull(),
    answer: text("answer"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    mergedInto: text("merged_into"),
    /** The redacted question and answer the public sees, fixed at publication. */
    publicQuestion: text("public_question"),
    publicAnswer: text("public_answer"),
    /** The citizen's satisfaction with the published answer, 1-5. */
    rating: integer("rating"),
    ratedAt: timestamp("rated_at", { withTimezone: true }),
    /**
     * When the deadline scan next needs to look at this PAKN (its next reminder point, or the next
     * day while paused); null: at the next scan. Keeps the minute scan to the PAKN with work due.
     */
    deadlineCheckAt: timestamp("deadline_check_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("pakn_code_idx").on(t.code),
    uniqueIndex("pakn_inbound_idx").on(t.channel, t.inboundMessageId),
    index("pakn_sender_idx").on(t.channel, t.channelUser),
    index("pakn_status_due_idx").on(t.status, t.answerDueAt),
    index("pakn_agency_due_idx").on(t.agencyId, t.answerDueAt),
    index("pakn_published_idx").on(t.publishedAt),
    index("pakn_deadline_check_idx").on(t.deadlineCheckAt),
  ],
);

/** Every step of a PAKN's life (who, when, from which state to which, why): its full history. */
export const paknEvents = pgTable(
  "pakn_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    paknId: bigint("pakn_id", { mode: "number" })
      .notNull()
      .references(() => pakn.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    actor: text("actor").notNull(),
    note: text("note"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pakn_events_pakn_idx").on(t.paknId, t.id)],
);

/**
 * The last tracking-code number handed out per day by earlier versions (a row lock per day); codes
 * now come from one sequence per day (db/pakn-code-sequence.ts), which starts after these.
 */
export const paknCodeCounters = pgTable("pakn_code_counters", {
  day: text("day").primaryKey(),
  last: integer("last").notNull(),
});

/**
 * Jobs written in the same transaction as the change that needs them; a relay enqueues them
 * afterwards (with their deterministic job id), so a commit can never lose its follow-up work.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    queue: text("queue").notNull(),
    jobId: text("job_id").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    relayedAt: timestamp("relayed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("outbox_job_idx").on(t.queue, t.jobId),
    index("outbox_pending_idx").on(t.relayedAt, t.id),
  ],
);

/** One row per PAKN event and audience, so each notification is sent exactly once. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    eventId: bigint("event_id", { mode: "number" })
      .notNull()
      .references(() => paknEvents.id),
    audience: text("audience").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** How a citizen notification reached them: a channel's name, `zns` or `next_contact`. */
    route: text("route"),
    /** Why the last route tried did not reach them (window closed, ZNS quota …), for the console. */
    reason: text("reason"),
    /** When it reached the citizen, on the deps' clock. */
    toldAt: timestamp("told_at", { withTimezone: true }),
    /** While 'waiting': the channel identity whose next message first hears of it. */
    recipientChannel: text("recipient_channel"),
    recipientUser: text("recipient_user"),
  },
  (t) => [
    uniqueIndex("notifications_event_audience_idx").on(t.eventId, t.audience),
    index("notifications_waiting_idx")
      .on(t.recipientChannel, t.recipientUser)
      .where(sql`${t.status} = 'waiting'`),
  ],
);

/**
 * Every try to tell a citizen of one notification, in order: the route (a channel, `zns`,
 * `next_contact`), how it ended and why, and who asked (the system, or an officer's resend).
 */
export const deliveryAttempts = pgTable(
  "delivery_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    notificationId: bigint("notification_id", { mode: "number" })
      .notNull()
      .references(() => notifications.id),
    route: text("route").notNull(),
    /** requested (an officer's resend not yet sent), sending, sent, failed. */
    outcome: text("outcome").notNull(),
    reason: text("reason"),
    actor: text("actor").notNull(),
    /** Zalo's id of a sent ZNS message. */
    providerId: text("provider_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [index("delivery_attempts_notification_idx").on(t.notificationId, t.id)],
);

/** Deadline reminders already raised (half, eighty, due, overdue), one row per PAKN and point, so each goes out once. */
export const paknReminders = pgTable(
  "pakn_reminders",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    paknId: bigint("pakn_id", { mode: "number" })
      .notNull()
      .references(() => pakn.id),
    point: text("point").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("pakn_reminders_point_idx").on(t.paknId, t.point)],
);

/**
 * Who was told about a reminder (the agency's officers, the coordinator) and whether it went out,
 * one row per reminder and audience, so a retried or rebuilt remind job sends nothing twice.
 */
export const reminderDeliveries = pgTable(
  "reminder_deliveries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    reminderId: bigint("reminder_id", { mode: "number" })
      .notNull()
      .references(() => paknReminders.id),
    audience: text("audience").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("reminder_deliveries_audience_idx").on(t.reminderId, t.audience)],
);

/**
 * A staff account of the officer console. role: officer (own agency), leader (approves own
 * agency's answers), coordinator (province-wide), admin (settings); agencyId is null for the
 * province-wide roles.
 */
export const officers = pgTable(
  "officers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    /** Lower-cased; the login name. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    agencyId: text("agency_id"),
    /** scrypt, `scrypt$N$r$p$salt$hash` (base64). */
    passwordHash: text("password_hash").notNull(),
    /** A one-time password from `officer:create` must be replaced at first login. */
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    failedLogins: integer("failed_logins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    disabledAt: timestamp("disabled_at", { withTimezone: true }),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("officers_email_idx").on(t.email)],
);

/** A signed-in console session: the cookie carries a random token, this row its sha-256. */
export const officerSessions = pgTable(
  "officer_sessions",
  {
    id: text("id").primaryKey(),
    officerId: integer("officer_id")
      .notNull()
      .references(() => officers.id),
    /** The synchronizer token every form and state-changing request must echo. */
    csrfToken: text("csrf_token").notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("officer_sessions_officer_idx").on(t.officerId)],
);

/** Every console action and sign-in attempt (who, what, on which item, from where), never a password or token. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    officerId: integer("officer_id"),
    action: text("action").notNull(),
    targetType: text("target_type"),
    targetId: text("target_id"),
    data: jsonb("data").$type<Record<string, unknown>>().notNull().default({}),
    ip: text("ip"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_target_idx").on(t.targetType, t.targetId),
  ],
);

/** Officers' internal notes on a PAKN; never shown to the citizen or the public. */
export const paknNotes = pgTable(
  "pakn_notes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    paknId: bigint("pakn_id", { mode: "number" })
      .notNull()
      .references(() => pakn.id),
    officerId: integer("officer_id")
      .notNull()
      .references(() => officers.id),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pakn_notes_pakn_idx").on(t.paknId, t.id)],
);

/** Reusable answer texts, for one agency or (agencyId null) for every agency. */
export const cannedAnswers = pgTable(
  "canned_answers",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    agencyId: text("agency_id"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("canned_answers_agency_idx").on(t.agencyId)],
);

/**
 * An admin's edited copy of a bundled data file (agencies.tsv, routing-rules.tsv,
 * holidays-vn.json, synonyms.tsv): when a row exists it replaces the bundled file everywhere.
 */
export const assetOverrides = pgTable("asset_overrides", {
  name: text("name").primaryKey(),
  content: text("content").notNull(),
  updatedBy: integer("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Questions the assistant could not answer well (not found, an unanswered choice, an answer the
 * citizen marked unhelpful): the text with personal data removed, never who sent it.
 */
export const kbMisses = pgTable(
  "kb_misses",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    kind: text("kind").notNull(),
    channel: text("channel").notNull(),
    text: text("text").notNull(),
    /** The bot's best guesses at the time: code, name, score. */
    candidates: jsonb("candidates").$type<Array<{ code: string; name: string; score: number }>>().notNull(),
    /** For a choice offered: the candidate the citizen then picked, if any. */
    chosenCode: text("chosen_code"),
    /** The editor's lesson that answers it, once resolved. */
    lessonId: integer("lesson_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("kb_misses_open_idx").on(t.lessonId, t.createdAt)],
);

/**
 * An editor's lesson from a group of misses: link to a procedure, an official short answer (FAQ)
 * with its source, a pointer to another body, or noise. The bot reads the live ones.
 */
export const kbLessons = pgTable("kb_lessons", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  kind: text("kind").notNull(),
  procedureCode: text("procedure_code"),
  answer: text("answer"),
  source: text("source"),
  createdBy: integer("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  retiredAt: timestamp("retired_at", { withTimezone: true }),
});

/** Reviewed example questions of a lesson (redacted phrasings citizens used). */
export const kbLessonPhrases = pgTable(
  "kb_lesson_phrases",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    lessonId: integer("lesson_id").notNull(),
    text: text("text").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("kb_lesson_phrases_lesson_idx").on(t.lessonId)],
);

/** A citizen who asked to be told when their unanswered question gets an answer: where to tell them. */
export const kbFollowers = pgTable(
  "kb_followers",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    missId: bigint("miss_id", { mode: "number" }).notNull(),
    channel: text("channel").notNull(),
    conversation: text("conversation").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("kb_followers_miss_idx").on(t.missId, t.channel, t.conversation)],
);

/** One row per follower told of a lesson, so the answer reaches each of them once. */
export const kbNotices = pgTable(
  "kb_notices",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    followerId: bigint("follower_id", { mode: "number" }).notNull(),
    audience: text("audience").notNull(),
    status: text("status").notNull(),
    attempts: integer("attempts").notNull().default(0),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("kb_notices_follower_idx").on(t.followerId, t.audience)],
);

/** "Đúng ý tôi" / "Chưa đúng" on an answer: the helpful rate per procedure for the editors. */
export const kbVotes = pgTable(
  "kb_votes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    procedureCode: text("procedure_code").notNull(),
    helpful: boolean("helpful").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("kb_votes_code_idx").on(t.procedureCode, t.createdAt)],
);

/** Questions asked of the knowledge base per day and channel, and how many got an answer (the editors' answered share). */
export const kbQuestionDays = pgTable(
  "kb_question_days",
  {
    day: text("day").notNull(),
    channel: text("channel").notNull(),
    asked: integer("asked").notNull().default(0),
    answered: integer("answered").notNull().default(0),
  },
  (t) => [uniqueIndex("kb_question_days_idx").on(t.day, t.channel)],
);

/**
 * An editor's mark on a procedure being reviewed ("đang rà soát"): while set, the assistant says its
 * information is being updated and points to the agency instead of possibly outdated details.
 */
export const kbProcedureReviews = pgTable("kb_procedure_reviews", {
  procedureCode: text("procedure_code").primaryKey(),
  note: text("note"),
  markedBy: integer("marked_by"),
  markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
});

/** What a re-import changed in a procedure: the fields whose content differs, per import run. */
export const procedureChanges = pgTable(
  "procedure_changes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    importRunId: integer("import_run_id"),
    procedureCode: text("procedure_code").notNull(),
    /** "added" or "changed". */
    change: text("change").notNull(),
    fields: jsonb("fields").$type<string[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("procedure_changes_code_idx").on(t.procedureCode, t.id)],
);
