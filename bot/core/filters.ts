import type { PayloadKind } from "../../lib/button-payload.js";
import type { Step } from "./compose-steps.js";
import type { TurnContext } from "./turn-context.js";

/** What a step does with a turn it matched; `next` passes the turn on as if the step had not matched. */
export type Handler<A extends unknown[] = []> = (
  ctx: TurnContext,
  ...rest: [...A, next: () => Promise<void>]
) => void | Promise<void>;

/**
 * Whether a text is meant as a slash command, though it may name none the bot knows (an open dialog
 * lets those pass on rather than read them as an answer).
 */
export function isSlashCommand(text: string): boolean {
  return text.startsWith("/");
}

const COMMAND = /^\/([a-z_]+)(?:@\w+)?(?:\s+(.*))?$/i;

/** A slash command read from a text: its name in lower case and what follows it, trimmed. */
export function parseCommand(text: string): { name: string; args: string } | undefined {
  const match = COMMAND.exec(text);
  if (!match) return undefined;
  return { name: (match[1] ?? "").toLowerCase(), args: (match[2] ?? "").trim() };
}

/**
 * A step for slash commands (grammY's `bot.command`): `/name`, `/name@bot` or `/name args`, the
 * name among `names` (or accepted by a test); other turns pass on.
 */
export function command(
  names: string | readonly string[] | ((name: string) => boolean),
  handler: Handler<[args: string]>,
): Step<TurnContext> {
  const accepts =
    typeof names === "function"
      ? names
      : (name: string) => (typeof names === "string" ? [names] : names).includes(name);
  return async (ctx, next) => {
    const parsed = parseCommand(ctx.text);
    if (!parsed || !accepts(parsed.name)) return next();
    await handler(ctx, parsed.args, next);
  };
}

/** A step for presses of one kind of button (grammY's `bot.callbackQuery`); other turns pass on. */
export function payload(kind: PayloadKind, handler: Handler<[raw: string]>): Step<TurnContext> {
  return async (ctx, next) => {
    const raw = ctx.message.payload;
    if (!kind.owns(raw)) return next();
    await handler(ctx, raw, next);
  };
}

/** A step for messages that are not button presses (text, photos, places …); presses pass on. */
export function message(handler: Handler): Step<TurnContext> {
  return async (ctx, next) => {
    if (ctx.message.payload !== undefined) return next();
    await handler(ctx, next);
  };
}

/** A step for typed messages with text, commands included (grammY's `bot.on(":text")`); other turns pass on. */
export function text(handler: Handler): Step<TurnContext> {
  return async (ctx, next) => {
    if (ctx.message.payload !== undefined || !ctx.text) return next();
    await handler(ctx, next);
  };
}
