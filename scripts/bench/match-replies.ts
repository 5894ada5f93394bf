/** One message the fake Bot API received for a chat. */
export interface ReceivedMessage {
  text: string;
  at: number;
}

/** How one chat's replies compare with the reply sets its updates should have produced. */
export interface ChatMatch {
  /** Updates whose reply set arrived, with the arrival of its first message. */
  replied: { updateId: number; at: number }[];
  lost: number[];
  /** Updates whose whole reply set arrived more than once (one entry per extra copy). */
  duplicated: number[];
  /** Messages that fit no expected reply set at their place (reordered or unexpected). */
  unmatched: number;
}

const LOOK_AHEAD = 8;

function fits(received: ReceivedMessage[], at: number, block: string[]): boolean {
  if (at + block.length > received.length) return false;
  return block.every((text, i) => received[at + i]?.text === text);
}

/**
 * Walks a chat's received messages in arrival order against the expected reply sets of its
 * updates in offered order (updates that need no reply are skipped): a set found in place is a reply, found again right after is a
 * duplicate, missing is lost; messages skipped to find the next set count as unmatched.
 */
export function matchChat(
  updates: { updateId: number; texts: string[] }[],
  received: ReceivedMessage[],
): ChatMatch {
  const match: ChatMatch = { replied: [], lost: [], duplicated: [], unmatched: 0 };
  let pos = 0;
  const same = (a: string[], b: string[] | undefined) =>
    !!b && a.length === b.length && a.every((t, i) => t === b[i]);
  for (const [index, { updateId, texts }] of updates.entries()) {
    if (texts.length === 0) continue;
    let found = -1;
    for (let at = pos; at <= Math.min(pos + LOOK_AHEAD, received.length - 1); at++)
      if (fits(received, at, texts)) {
        found = at;
        break;
      }
    if (found < 0) {
      match.lost.push(updateId);
      continue;
    }
    match.unmatched += found - pos;
    match.replied.push({ updateId, at: (received[found] as ReceivedMessage).at });
    pos = found + texts.length;
    // Two updates in a row may rightly get the same answer (/start, then /help): the next one takes it.
    while (!same(texts, updates[index + 1]?.texts) && fits(received, pos, texts)) {
      match.duplicated.push(updateId);
      pos += texts.length;
    }
  }
  match.unmatched += received.length - pos;
  return match;
}
