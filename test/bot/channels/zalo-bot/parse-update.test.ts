import { describe, expect, it } from "vitest";
import { parseZaloBotUpdate } from "../../../../bot/channels/zalo-bot/index.js";

const message = (fields: Record<string, unknown> = {}) => ({
  from: { id: "u-1", display_name: "Lan", is_bot: false },
  chat: { id: "c-1", chat_type: "PRIVATE" },
  message_id: "m-1",
  date: 1750316131602,
  ...fields,
});

describe("parseZaloBotUpdate", () => {
  it("reads a text message from the documented envelope", () => {
    const parsed = parseZaloBotUpdate({
      ok: true,
      result: { event_name: "message.text.received", message: message({ text: "lệ phí" }) },
    });
    expect(parsed).toEqual({
      kind: "message",
      message: {
        channel: "zalo-bot",
        conversation: "c-1",
        user: "u-1",
        messageId: "m-1",
        text: "lệ phí",
        kind: "text",
      },
    });
  });

  it("reads images with their URL and caption, stickers and unsupported messages as non-text", () => {
    const image = parseZaloBotUpdate({
      event_name: "message.image.received",
      message: message({ photo: "https://p.example/a.jpg", caption: " ổ gà " }),
    });
    expect(image).toMatchObject({
      kind: "message",
      message: {
        kind: "image",
        text: "ổ gà",
        attachments: [{ kind: "image", url: "https://p.example/a.jpg" }],
      },
    });
    const sticker = parseZaloBotUpdate({
      event_name: "message.sticker.received",
      message: message({ sticker: "s" }),
    });
    expect(sticker).toMatchObject({ kind: "message", message: { kind: "sticker" } });
    expect(sticker.kind === "message" ? sticker.message.text : "?").toBeUndefined();
    const other = parseZaloBotUpdate({ event_name: "message.unsupported.received", message: message() });
    expect(other).toMatchObject({ kind: "message", message: { kind: "other" } });
  });

  it("accepts numeric ids", () => {
    const parsed = parseZaloBotUpdate({
      event_name: "message.text.received",
      message: message({ from: { id: 67890 }, chat: { id: 12345 }, message_id: 44, text: "x" }),
    });
    expect(parsed).toMatchObject({ message: { conversation: "12345", user: "67890", messageId: "44" } });
  });

  it("ignores unknown events and other bots, and rejects bodies without the ids", () => {
    expect(parseZaloBotUpdate({ ok: true, result: { event_name: "bot.added" } }).kind).toBe("ignored");
    expect(parseZaloBotUpdate({}).kind).toBe("ignored");
    expect(
      parseZaloBotUpdate({
        event_name: "message.text.received",
        message: message({ from: { id: "b", is_bot: true }, text: "hi" }),
      }).kind,
    ).toBe("ignored");
    expect(parseZaloBotUpdate([]).kind).toBe("invalid");
    expect(parseZaloBotUpdate("x").kind).toBe("invalid");
    expect(parseZaloBotUpdate({ event_name: "message.text.received" }).kind).toBe("invalid");
    expect(
      parseZaloBotUpdate({ event_name: "message.text.received", message: message({ message_id: "" }) }).kind,
    ).toBe("invalid");
  });
});
