import type { Update } from "grammy/types";
import { describe, expect, it } from "vitest";
import { parseUpdate } from "../../../../bot/channels/telegram/index.js";
import { callbackUpdate, messageUpdate, textUpdate } from "../../../helpers/fake-telegram.js";

const parse = (update: Record<string, unknown>, updateId = 42) =>
  parseUpdate({ update_id: updateId, ...update } as unknown as Update);

describe("parseUpdate", () => {
  it("reads a text message with the update id as delivery id", () => {
    expect(parse(textUpdate(12, "/start@motcua_bot"))).toEqual({
      type: "message",
      chatId: 12,
      message: {
        channel: "telegram",
        conversation: "12",
        user: "12",
        messageId: "42",
        text: "/start@motcua_bot",
        kind: "text",
      },
    });
  });

  it("keeps a group chat as the conversation and the sender as the user", () => {
    const update = messageUpdate(7, {
      text: "hỏi",
      chat: { id: -100555, type: "supergroup", title: "Tổ dân phố" },
    });
    expect(parse(update)?.message).toMatchObject({ conversation: "-100555", user: "7" });
  });

  it("reads a button press as a payload with its callback query to answer", () => {
    const update = callbackUpdate(12, "p:field|1.001193|fee");
    const parsed = parse(update);
    expect(parsed).toMatchObject({
      type: "button",
      chatId: 12,
      data: "p:field|1.001193|fee",
      callbackQueryId: (update.callback_query as { id: string }).id,
      message: { conversation: "12", user: "12", messageId: "42", kind: "payload" },
    });
  });

  it("reads photos (largest size), image documents, places and other content without text", () => {
    const photo = [
      { file_id: "big", file_unique_id: "b", width: 1280, height: 960, file_size: 120_000 },
      { file_id: "small", file_unique_id: "s", width: 90, height: 67 },
    ];
    expect(parse(messageUpdate(1, { photo, caption: "ổ gà" }))?.message).toMatchObject({
      kind: "image",
      text: "ổ gà",
      attachments: [{ kind: "image", fileId: "big", size: 120_000 }],
    });
    const doc = { file_id: "d", file_unique_id: "d", mime_type: "image/png", file_size: 5 };
    expect(parse(messageUpdate(1, { document: doc }))?.message).toMatchObject({
      kind: "image",
      attachments: [{ kind: "image", fileId: "d", mimeType: "image/png", size: 5 }],
    });
    expect(
      parse(messageUpdate(1, { document: { ...doc, mime_type: "application/pdf" } }))?.message.kind,
    ).toBe("file");
    expect(
      parse(messageUpdate(1, { location: { latitude: 10.77, longitude: 106.7 } }))?.message,
    ).toMatchObject({
      kind: "location",
      attachments: [{ kind: "location", latitude: 10.77, longitude: 106.7 }],
    });
    const sticker = { file_id: "s", file_unique_id: "s", type: "regular", width: 1, height: 1 };
    expect(parse(messageUpdate(1, { sticker }))?.message.kind).toBe("sticker");
    expect(
      parse(messageUpdate(1, { voice: { file_id: "v", file_unique_id: "v", duration: 1 } }))?.message.kind,
    ).toBe("file");
    expect(parse(messageUpdate(1, { contact: { phone_number: "x", first_name: "A" } }))?.message.kind).toBe(
      "other",
    );
  });

  it("ignores updates and service messages nobody is waiting on", () => {
    const message = (textUpdate(1, "x") as { message: unknown }).message;
    expect(parse({ edited_message: message })).toBeNull();
    expect(parse({ channel_post: message })).toBeNull();
    expect(parse({ my_chat_member: {} })).toBeNull();
    expect(parse(messageUpdate(1, { new_chat_members: [] }))).toBeNull();
    expect(parse(messageUpdate(1, { pinned_message: message }))).toBeNull();
  });
});
