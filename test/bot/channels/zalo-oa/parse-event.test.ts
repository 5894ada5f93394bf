import { describe, expect, it } from "vitest";
import { PAYLOAD_PREFIX, parseZaloEvent } from "../../../../bot/channels/zalo-oa/parse-event.js";

const envelope = (event_name: string, message?: Record<string, unknown>) => ({
  app_id: "app",
  user_id_by_app: "by-app-1",
  event_name,
  timestamp: "1751100041636",
  sender: { id: "u1" },
  recipient: { id: "oa1" },
  ...(message ? { message } : {}),
});

describe("parsing Zalo OA events", () => {
  it("reads a text message", () => {
    expect(parseZaloEvent(envelope("user_send_text", { msg_id: "m1", text: "lệ phí" }))).toEqual({
      kind: "message",
      message: {
        channel: "zalo",
        conversation: "u1",
        user: "u1",
        messageId: "m1",
        text: "lệ phí",
        kind: "text",
      },
    });
  });

  it("turns a marked query text back into a button payload", () => {
    const outcome = parseZaloEvent(
      envelope("user_send_text", { msg_id: "m2", text: `${PAYLOAD_PREFIX}field|1.001193|fee` }),
    );
    expect(outcome).toMatchObject({ message: { payload: "field|1.001193|fee", kind: "payload" } });
    expect(outcome.kind === "message" && outcome.message.text).toBeFalsy();
  });

  it("reads images and locations as attachments", () => {
    const image = parseZaloEvent(
      envelope("user_send_image", {
        msg_id: "m3",
        attachments: [{ type: "image", payload: { url: "https://example.org/a.jpg", thumbnail: "t" } }],
      }),
    );
    expect(image).toMatchObject({
      message: { kind: "image", attachments: [{ kind: "image", url: "https://example.org/a.jpg" }] },
    });
    const place = parseZaloEvent(
      envelope("user_send_location", {
        msg_id: "m4",
        text: "Quán cơm",
        attachments: [
          { type: "location", payload: { coordinates: { latitude: "10.79", longitude: "106.78" } } },
        ],
      }),
    );
    expect(place).toMatchObject({
      message: { kind: "location", attachments: [{ kind: "location", latitude: 10.79, longitude: 106.78 }] },
    });
  });

  it("welcomes a new follower with a delivery id of its own", () => {
    const outcome = parseZaloEvent({
      app_id: "app",
      oa_id: "oa1",
      event_name: "follow",
      timestamp: "1751100041636",
      follower: { id: "u9" },
    });
    expect(outcome).toMatchObject({
      message: { user: "u9", conversation: "u9", text: "/start", messageId: "follow-u9-1751100041636" },
    });
  });

  it("answers stickers and files politely as non-text, ignores the rest", () => {
    expect(parseZaloEvent(envelope("user_send_sticker", { msg_id: "m5" }))).toMatchObject({
      message: { kind: "sticker" },
    });
    for (const name of [
      "unfollow",
      "oa_send_text",
      "user_received_message",
      "user_seen_message",
      "mystery",
    ]) {
      expect(parseZaloEvent(envelope(name, { msg_id: "x" })).kind).toBe("ignored");
    }
    expect(parseZaloEvent({ event_name: "user_send_text", message: { text: "hi" } }).kind).toBe("ignored");
    expect(parseZaloEvent(null).kind).toBe("ignored");
  });
});
