import type { Channel } from "../bot/channels/channel.js";
import type { ChannelDeps } from "../bot/channels/channel-config.js";
import { createTelegramChannel } from "../bot/channels/telegram/index.js";
import { createZaloBotChannel, isZaloBotEnabled } from "../bot/channels/zalo-bot/index.js";
import { createZaloOaChannel, isZaloOaEnabled } from "../bot/channels/zalo-oa/index.js";

/** The channels the configuration enables (a channel without its token stays off). */
export function createChannels(deps: ChannelDeps): Channel[] {
  const channels: Channel[] = [];
  if (deps.config.TELEGRAM_BOT_TOKEN) channels.push(createTelegramChannel(deps));
  if (isZaloBotEnabled(deps.config)) channels.push(createZaloBotChannel(deps));
  if (isZaloOaEnabled(deps.config)) channels.push(createZaloOaChannel(deps));
  return channels;
}
