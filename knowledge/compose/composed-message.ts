/** A button under a message: what the citizen sees and the payload we get back when it is pressed. */
export interface ComposedButton {
  label: string;
  payload: string;
}

/** One plain-text message for the citizen, with its buttons; channels escape and render it. */
export interface ComposedMessage {
  text: string;
  buttons: ComposedButton[];
}

/** Zalo's limit on a text message, the strictest of our channels. */
export const DEFAULT_MAX_CHARS = 2000;
