import type { NewPakn } from "../../feedback/pakn-repo.js";
import { TEST_NOW } from "./test-clock.js";

/**
 * A confirmed PAKN as the repository stores it, from one citizen on Telegram; override what a test
 * is about (the inbound message id keeps each one distinct); received at `TEST_NOW` by default.
 */
export function confirmedPakn(inboundMessageId: string, over: Partial<NewPakn> = {}): NewPakn {
  const now = over.receivedAt ?? TEST_NOW;
  return {
    kind: "phan_anh",
    content: "Đường liên thôn bị ngập sâu sau mưa, xe máy không đi được.",
    attachments: [],
    contact: { name: "Nguyễn Văn A", phone: "0912345678", address: "Thôn 3, xã Đông" },
    consentAt: now,
    channel: "telegram",
    channelUser: "u1",
    conversation: "c1",
    inboundMessageId,
    receivedAt: now,
    forwardDueAt: now,
    answerDueAt: now,
    ...over,
  };
}

/** A confirmed PAKN received at `at`, its due dates left at the receipt for the deadline scan to compute. */
export function receivedPakn(inboundMessageId: string, at: Date): NewPakn {
  return confirmedPakn(inboundMessageId, {
    receivedAt: at,
    consentAt: at,
    forwardDueAt: at,
    answerDueAt: at,
  });
}
