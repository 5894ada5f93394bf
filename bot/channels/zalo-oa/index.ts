export { PAYLOAD_PREFIX, parseZaloEvent, ZALO_CHANNEL, type ZaloEventOutcome } from "./parse-event.js";
export { MAX_BUTTONS, MAX_TEXT_CHARS, MAX_TITLE_CHARS, renderReplies } from "./render-replies.js";
export { createZaloSender, type ZaloSender } from "./send-replies.js";
export { createTokenKeeper, type TokenKeeper } from "./token-keeper.js";
export { registerZaloWebhook, ZALO_WEBHOOK_PATH } from "./webhook-route.js";
export { verifyZaloSignature, zaloEventMac, zaloSignatureHeader } from "./webhook-signature.js";
export { createZaloApi, type ZaloApi, type ZaloCsMessage } from "./zalo-api-client.js";
export { ZaloApiError, ZaloHttpError } from "./zalo-errors.js";
export { createZaloOaChannel, isZaloOaEnabled, type ZaloOaChannelOptions } from "./zalo-oa-channel.js";
