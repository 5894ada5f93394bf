/** A button under a reply; `payload` comes back as an inbound message when pressed. */
export interface Button {
  label: string;
  payload: string;
}

/** One message the bot sends; channels only render it. */
export interface Reply {
  text: string;
  buttons: Button[];
}

/** A reply with text only. */
export function textReply(text: string): Reply {
  return { text, buttons: [] };
}
