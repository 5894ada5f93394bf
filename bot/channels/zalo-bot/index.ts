export { createNumberMenu, type NumberMenu, optionNumber } from "./number-menu.js";
export { type ParsedUpdate, parseZaloBotUpdate, ZALO_BOT_CHANNEL } from "./parse-update.js";
export {
  NUMBERED_OPTIONS_HEADING,
  type RenderedReplies,
  renderReplies,
  ZALO_BOT_MAX_CHARS,
} from "./render-replies.js";
export { secretTokenMatches } from "./secret-token.js";
export { registerZaloBotWebhook, ZALO_BOT_SECRET_HEADER, ZALO_BOT_WEBHOOK_PATH } from "./webhook-route.js";
export { createZaloBotApi, type ZaloBotApi, ZaloBotApiError } from "./zalo-bot-api.js";
export { createZaloBotChannel, isZaloBotEnabled, type ZaloBotChannelOptions } from "./zalo-bot-channel.js";
