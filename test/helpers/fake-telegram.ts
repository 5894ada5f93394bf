/** The fake Telegram Bot API of the tests; it lives with the scripts so the webhook benchmark shares it. */
export {
  callbackUpdate,
  type FakeTelegram,
  messageUpdate,
  startFakeTelegram,
  type TelegramCall,
  type TelegramFailure,
  textUpdate,
} from "../../scripts/lib/fake-telegram-api.js";
