export { type ComposeAnswerOptions, composeAnswer } from "./compose-answer.js";
export { composeClarify, MAX_CLARIFY_CANDIDATES } from "./compose-clarify.js";
export { composeOutOfScope, type OutOfScopeOptions } from "./compose-out-of-scope.js";
export type { ComposedButton, ComposedMessage } from "./composed-message.js";
export { DEFAULT_MAX_CHARS } from "./composed-message.js";
export { distinguishingLabels, type LabelCandidate, MAX_LABEL_CHARS } from "./distinguishing-labels.js";
export { emptyFieldText, FIELD_BUTTON_ORDER, fieldHasContent } from "./field-section.js";
export { splitText, truncateAtWord } from "./split-text.js";
export { EXAMPLE_QUESTIONS, TEXTS, type TextKey } from "./texts.js";
