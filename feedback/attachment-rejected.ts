/** Why a citizen's photo is not kept: reasons that fetching again cannot change. */
export type RejectionReason =
  | "too_large"
  | "not_image"
  | "gone"
  | "unsupported_reference"
  | "channel_unavailable"
  | "unavailable";

/**
 * A photo the pipeline refuses for good (too large, not a JPEG/PNG/WebP, no longer on the
 * channel): recorded on the PAKN with its reason instead of being fetched again.
 */
export class AttachmentRejected extends Error {
  constructor(readonly reason: RejectionReason) {
    super(`attachment rejected: ${reason}`);
    this.name = "AttachmentRejected";
  }
}
