import { describe, expect, it } from "vitest";
import { concatSteps, type Step } from "../../../bot/core/compose-steps.js";
import { PAKN_BUTTONS } from "../../../bot/core/features/pakn-buttons.js";
import { command, message, parseCommand, payload, text } from "../../../bot/core/filters.js";
import type { TurnContext } from "../../../bot/core/turn-context.js";
import type { InboundMessage } from "../../../bot/core/types.js";

/** Runs a step on a message and says what it did: the handler's mark, or "passed" when it called next(). */
async function run(step: Step<TurnContext>, message: Partial<InboundMessage>): Promise<string> {
  const marks: string[] = [];
  const ctx = { message: { channel: "test", conversation: "c", user: "u", ...message } } as TurnContext;
  ctx.text = message.text ?? "";
  (ctx as TurnContext & { marks: string[] }).marks = marks;
  await step(ctx, async () => {
    marks.push("passed");
  });
  return marks.join(",");
}

const mark = (label: string) => (ctx: TurnContext) => {
  (ctx as TurnContext & { marks: string[] }).marks.push(label);
};

describe("declarative filters of the conversation core", () => {
  it("reads a slash command's name in lower case and its arguments, with or without the bot's name", () => {
    expect(parseCommand("/TraCuu@motcua_bot  PAKN.20261122.0012 ")).toEqual({
      name: "tracuu",
      args: "PAKN.20261122.0012",
    });
    expect(parseCommand("tra cứu")).toBeUndefined();
  });

  it("matches commands by name, by list or by a test, and passes other turns on", async () => {
    expect(await run(command("huy", mark("huy")), { text: "/huy" })).toBe("huy");
    expect(await run(command(["help", "trogiup"], mark("help")), { text: "/trogiup" })).toBe("help");
    expect(
      await run(
        command((n) => n !== "hoi", mark("other")),
        { text: "/hoi" },
      ),
    ).toBe("passed");
    expect(await run(command("huy", mark("huy")), { text: "hủy" })).toBe("passed");
  });

  it("matches button payloads by prefix, and messages and texts only when no button was pressed", async () => {
    expect(await run(payload(PAKN_BUTTONS, mark("pakn")), { payload: "pakn|skip" })).toBe("pakn");
    expect(await run(payload(PAKN_BUTTONS, mark("pakn")), { payload: "learn|up|1.0" })).toBe("passed");
    expect(await run(text(mark("text")), { text: "xin chào" })).toBe("text");
    expect(await run(text(mark("text")), { text: "" })).toBe("passed");
    expect(await run(text(mark("text")), { payload: "pakn|skip" })).toBe("passed");
    expect(await run(message(mark("message")), { kind: "image" })).toBe("message");
    expect(await run(message(mark("message")), { payload: "pakn|skip" })).toBe("passed");
  });

  it("runs a group's steps in order and goes on past the group when none of them answers", async () => {
    const group = concatSteps([command("start", mark("start")), text(mark("text"))]);
    expect(await run(group, { text: "/start" })).toBe("start");
    expect(await run(group, { text: "chào" })).toBe("text");
    expect(await run(group, { payload: "x" })).toBe("passed");
  });
});
