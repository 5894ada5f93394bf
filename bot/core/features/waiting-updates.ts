import type { Step } from "../compose-steps.js";
import type { TurnContext } from "../turn-context.js";

/**
 * Tells the citizen first what changed in their PAKN while no route reached them (outside Zalo's
 * window, ZNS unavailable, a web chat that was closed): the updates go before this turn's answer.
 * Looked up after the turn, so a turn that fails takes nothing; a lookup that fails costs nothing.
 */
export const waitingUpdates: Step<TurnContext> = async (ctx, next) => {
  await next();
  const { feedback, logger } = ctx.deps;
  if (!feedback) return;
  try {
    const updates = await feedback.takeUpdates({ channel: ctx.message.channel, user: ctx.message.user });
    if (updates.length > 0) ctx.replies.unshift(...updates);
  } catch (err) {
    logger.warn({ err }, "could not look up waiting updates");
  }
};
