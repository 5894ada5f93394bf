import type { KnowledgeBase, SearchContext } from "../../knowledge/decision-types.js";
import { r3 } from "./metrics.js";

/** A labelled dev conversation (eval/dev-conversations-motcua.jsonl or the original file). */
export interface DevConversation {
  id: string;
  turns: Array<{ q: string; expect_ids: string[]; behavior: string; fields: string[] }>;
}

/** Whether a turn came out as labelled: the action matches and, for an answer, the first procedure. */
export function turnRight(
  turn: DevConversation["turns"][number],
  action: string | null,
  top: string | undefined,
): boolean {
  return (
    action === turn.behavior &&
    (turn.behavior !== "answer" ||
      turn.expect_ids.length === 0 ||
      (top !== undefined && turn.expect_ids.includes(top)))
  );
}

/** One turn that went wrong, for error analysis. */
export interface TurnMiss {
  id: string;
  turn: number;
  q: string;
  expected: string;
  got: string;
  top: string | undefined;
}

/**
 * Replays conversations the way a chat does (lastCode after an answer, candidateCodes after a
 * clarify, context kept after out_of_scope with lastOutOfScope) and scores each turn: the action matches and, for
 * answers, the first procedure is an expected one. A turn read as a report that asks nothing counts
 * as "report": the chat offers a PAKN there instead of the answer (as `chat --jsonl` scores it).
 */
export function conversationAccuracy(
  kb: KnowledgeBase,
  conversations: DevConversation[],
): { turns: number; accuracy: number; misses: TurnMiss[] } {
  let ok = 0;
  let turns = 0;
  const misses: TurnMiss[] = [];
  for (const c of conversations) {
    let context: SearchContext = {};
    c.turns.forEach((t, i) => {
      const d = kb.decide(t.q, context);
      const top = d.hits[0]?.procedure.code;
      const action = d.report && !d.report.asks && !d.elsewhere ? "report" : d.action;
      const good = turnRight(t, action, top);
      turns++;
      if (good) ok++;
      else
        misses.push({
          id: c.id,
          turn: i,
          q: t.q,
          expected: `${t.behavior} ${t.expect_ids.join(",")}`,
          got: action,
          top,
        });
      if (d.action === "answer" && top) {
        const recentCodes = [top, ...(context.recentCodes ?? []).filter((c) => c !== top)].slice(0, 5);
        context = { lastCode: top, recentCodes };
      } else if (d.action === "clarify")
        context = {
          lastCode: context.lastCode,
          recentCodes: context.recentCodes,
          candidateCodes: d.hits.map((h) => h.procedure.code),
        };
      else context = { lastCode: context.lastCode, recentCodes: context.recentCodes, lastOutOfScope: true };
    });
  }
  return { turns, accuracy: r3(ok / (turns || 1)), misses };
}
