import type { Db } from "../db/client.js";
import type { DueDatesFn } from "./pakn-due-dates.js";
import { type PaknSubmission, type SubmittedPakn, submitPakn } from "./submit-pakn.js";
import { listOwnPakn, type OwnPaknItem, type PaknSender, type TrackedPakn, trackPakn } from "./track-pakn.js";

/**
 * What the conversation core needs from the PAKN pipeline: file a confirmed PAKN, look one up, list
 * a citizen's own. The bot gets it through its deps and works without it (no database).
 */
export interface FeedbackService {
  submit(input: PaknSubmission): Promise<SubmittedPakn>;
  track(code: string, sender: PaknSender): Promise<TrackedPakn | undefined>;
  listOwn(sender: PaknSender): Promise<OwnPaknItem[]>;
}

/** The feedback service on a database, with the deadline rule and an optional clock. */
export function createFeedbackService(deps: {
  db: Db;
  dueDates: DueDatesFn;
  now?: () => Date;
}): FeedbackService {
  return {
    submit: (input) => submitPakn(deps, input),
    track: (code, sender) => trackPakn(deps, { code, sender }),
    listOwn: (sender) => listOwnPakn(deps, sender),
  };
}
