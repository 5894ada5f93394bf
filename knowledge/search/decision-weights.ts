/**
 * What each threshold of the answer / clarify / out_of_scope decision is, one line each: the
 * expected keys of the weights file's `decision` section (read by knowledge/decide.ts as DECISION),
 * and the explanation `kb:fit -- --decision` prints.
 */
export const DECISION_PARAM_DOCS = {
  minCoverage: "below this share of topic words found in the best hit, nothing relevant was found…",
  minScore: "below this score (in units of the corpus's highest idf) the best hit is noise",
  namedCoverage: "…unless the message names at least this share of the best hit's name",
  closeRatio: "hits within this ratio of the best one compete with it",
  clarifyMaxTopicWords:
    'clarify only a short, generic message ("xin giấy phép", "làm thẻ bhyt"): at most this many topic words…',
  clarifyRunnerUp: "…whose runner-up is this close (score and topic coverage, as a share of the best)…",
  clarifyMaxNameCoverage: "…whose best name is less than this share covered…",
  clarifyMinContenders:
    "…and at least this many hits compete; a longer message says enough to answer its best match",
  maxCandidates: "a clarify question offers at most this many candidates",
  newTopicCoverage:
    "a message after an answer starts a new topic only when its own best hit covers this much…",
  newTopicScore: "…and scores this well (in units of the corpus's highest idf)",
  maxAlsoAsked: "at most this many other asks of one message are kept besides the answer…",
  alsoAskedNameCoverage: "…each naming this share of its procedure's name",
  refineMargin: "a refinement picks a candidate when it beats the next one by this ratio",
  weakPairCoverage:
    "an answer only shares syllables with the message (topic not in the corpus) when its name holds less than this share of the message's known word pairs…",
  weakNameCoverage: "…the message covers less than this share of its name…",
  weakScore: "…and it scores below this (in units of the corpus's highest idf)",
  weakLongTokens: "a message longer than this many words tells a story whose word pairs no name holds…",
  weakLongPairCoverage:
    "…there, only a best name holding less than this share of the pairs counts as sharing syllables",
} as const;

/** What each threshold of follow-up resolution is: the keys of the `followUp` section (FOLLOW_UP). */
export const FOLLOW_UP_PARAM_DOCS = {
  topicIdf: 'words rarer than this (idf) name a topic; commoner ones ("đăng", "ký", "cấp") do not',
  switchScore: "a fresh hit this good (in units of the corpus scale) may replace the last procedure…",
  switchCoverage: "…when it covers this much of the message's topic…",
  switchCoverageGain: "…or this much more than the last procedure does,",
  switchDominance: "…or scores this many times what the last procedure scores on the message",
  markedScore:
    'after a topic-change marker ("còn …", "mà …", "hỏi cái khác") a fresh hit this good suffices…',
  markedCoverage: "…with this share of the message's topic covered",
  siblingScore: "a sibling (the last topic read together with the message) must score this well…",
  siblingRatio: "…and, when the last procedure itself still ranks first, be this close to it",
} as const;

/** What each threshold of a situation move is: the keys of the `situationMove` section (SITUATION_MOVE). */
export const SITUATION_MOVE_PARAM_DOCS = {
  coreIdf: 'words rarer than this (idf) name the last procedure\'s topic ("căn cước", "kết hôn")',
  coreShare: "a variant must name this share of the last procedure's topic words (the same topic)",
  pool: "how many procedures of the last topic read with the message are looked at for a variant",
  maxOwnWords: "a variant names at most this many topic words of its own (else it is another procedure)",
  statedMatch: "factor for a candidate made for a situation a first message states, ages aside (1 = off)",
  otherAge: "factor for a candidate made for an age the message's stated age rules out",
} as const;

/** The decision thresholds by name (see DECISION_PARAM_DOCS for what each is). */
export type DecisionParams = { -readonly [K in keyof typeof DECISION_PARAM_DOCS]: number };

/** The follow-up thresholds by name (see FOLLOW_UP_PARAM_DOCS for what each is). */
export type FollowUpParams = { -readonly [K in keyof typeof FOLLOW_UP_PARAM_DOCS]: number };

/** The situation-move thresholds by name (see SITUATION_MOVE_PARAM_DOCS for what each is). */
export type SituationMoveParams = { -readonly [K in keyof typeof SITUATION_MOVE_PARAM_DOCS]: number };

/** Thresholds that count things (words, hits): whole numbers only. */
export const WHOLE_NUMBER_KEYS: ReadonlySet<string> = new Set([
  "clarifyMaxTopicWords",
  "clarifyMinContenders",
  "maxCandidates",
  "maxAlsoAsked",
  "weakLongTokens",
  "pool",
  "maxOwnWords",
  "bodyTokens",
  "rerank",
]);
