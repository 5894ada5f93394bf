/** The Telegram channel (grammY): factory, webhook path and the pieces its tests reach for. */
export { BOT_COMMANDS } from "./bot-commands.js";
export { CALLBACK_DATA_MAX_BYTES, createCallbackData } from "./callback-data.js";
export { escapeHtml } from "./escape-html.js";
export { parseUpdate } from "./parse-update.js";
export { renderReply } from "./render-reply.js";
export { createTelegramChannel, type TelegramChannelDeps } from "./telegram-channel.js";
export { TELEGRAM_SECRET_HEADER, TELEGRAM_WEBHOOK_PATH } from "./webhook-route.js";
