import type { PaknSubmission } from "../../feedback/submit-pakn.js";

/** A complete submission from one citizen; override what a test is about. */
export function submission(inboundMessageId: string, over: Partial<PaknSubmission> = {}): PaknSubmission {
  return {
    kind: "phan_anh",
    content: "Đường liên thôn 3 bị ngập sâu sau mỗi trận mưa, xe máy không đi được.",
    place: "Thôn 3, xã Hòa Tiến",
    contact: { name: "Nguyễn Văn An", phone: "+84 912 345 678", address: "Thôn 3, xã Hòa Tiến, Đà Nẵng" },
    consentAt: "2026-11-20T08:00:00+07:00",
    channel: "telegram",
    channelUser: "u1",
    conversation: "c1",
    inboundMessageId,
    ...over,
  };
}
