import type { Db } from "../db/client.js";
import type { Reply } from "../lib/reply.js";
import { takeWaitingUpdates } from "./citizen-delivery/take-waiting.js";
import type { DueDatesFn } from "./pakn-due-dates.js";
import { type RateOutcome, rateLatestPublished, ratePakn } from "./rate-pakn.js";
import type { AgencyDirectory } from "./routing/agencies.js";
import { type PaknSubmission, type SubmittedPakn, submitPakn } from "./submit-pakn.js";
import {
  findPendingSupplement,
  type PendingSupplement,
  type SupplementOutcome,
  supplementPakn,
} from "./supplement-pakn.js";
import { listOwnPakn, type OwnPaknItem, type PaknSender, type TrackedPakn, trackPakn } from "./track-pakn.js";

/**
 * What the conversation core needs from the PAKN pipeline: file a confirmed PAKN, look one up, list
 * a citizen's own, rate a published answer. The bot gets it through its deps and works without it
 * (no database).
 */
export interface FeedbackService {
  submit(input: PaknSubmission): Promise<SubmittedPakn>;
  track(code: string, sender: PaknSender): Promise<TrackedPakn | undefined>;
  listOwn(sender: PaknSender): Promise<OwnPaknItem[]>;
  /** The sender's satisfaction (1–5) with the published answer of their PAKN `code`. */
  rate(code: string, sender: PaknSender, rating: number): Promise<RateOutcome>;
  /** A bare typed 1–5: the rating of the sender's latest published, unrated PAKN, if any. */
  rateLatest(sender: PaknSender, rating: number): Promise<RateOutcome>;
  /** The sender's PAKN an officer returned for more information (the one with `code`, or the latest). */
  pendingSupplement(sender: PaknSender, code?: string): Promise<PendingSupplement | undefined>;
  /** The citizen's answer to that request: the PAKN goes back to its officer. */
  supplement(sender: PaknSender, text: string, code?: string): Promise<SupplementOutcome>;
  /** What changed while no route reached the sender: told now, once (see take-waiting.ts). */
  takeUpdates(sender: PaknSender): Promise<Reply[]>;
}

/** The feedback service on a database, with the deadline rule and an optional clock. */
export function createFeedbackService(deps: {
  db: Db;
  dueDates: DueDatesFn;
  agencies?: AgencyDirectory;
  now?: () => Date;
}): FeedbackService {
  return {
    submit: (input) => submitPakn(deps, input),
    track: (code, sender) => trackPakn(deps, { code, sender }),
    listOwn: (sender) => listOwnPakn(deps, sender),
    rate: (code, sender, rating) => ratePakn(deps, { code, sender, rating }),
    rateLatest: (sender, rating) => rateLatestPublished(deps, { sender, rating }),
    pendingSupplement: (sender, code) => findPendingSupplement(deps, { sender, code }),
    supplement: (sender, text, code) => supplementPakn(deps, { sender, text, code }),
    takeUpdates: (sender) => takeWaitingUpdates(deps, { channel: sender.channel, user: sender.user }),
  };
}
