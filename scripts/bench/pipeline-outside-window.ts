import type { Db } from "../../db/client.js";
import type { FakeZaloBot } from "../lib/fake-zalo-bot-api.js";
import {
  citizenNotifications,
  deliveryCounts,
  firstOwed,
  sentOnChannelByChat,
  settledOtherwise,
  waitUntilSettled,
} from "./pipeline-delivery.js";
import { type FakeZns, startFakeZns } from "./pipeline-fake-zns.js";
import type { Submitted } from "./pipeline-load.js";
import type { ReturningOfficer } from "./pipeline-officer.js";
import { type PhaseOutcome, phaseOutcome } from "./pipeline-outcomes.js";
import type { WorkerZnsEnv } from "./pipeline-worker-process.js";

/** The OA access token the worker sends ZNS with (the fake accepts only it). */
export const ZNS_TOKEN = "pipeline-bench-oa-access-token";
/**
 * The province's templates in the bench: what the worker is configured with and the fake ZNS
 * approves. Of the bench's steps only the officer's return uses one (see pipeline-officer.ts).
 */
export const ZNS_TEMPLATES = {
  received: { template_id: "1001", params: { ma_phan_anh: "code", ngay_nhan: "receivedDate" } },
  returned: { template_id: "1003", params: { ma_phan_anh: "code", ly_do: "note" } },
  published: { template_id: "1002", params: { ma_phan_anh: "code" } },
} as const;
/** Share of ZNS tracking ids the fake answers HTTP 500 at first (the sender retries). */
export const ZNS_FAIL_FIRST_SHARE = 0.1;
/** Share of phones the fake says have no Zalo account (-118: the notification waits). */
export const ZNS_NOT_ON_ZALO_SHARE = 0.2;

/** The ZNS setup as the bench's JSON reports it. */
export const ZNS_SETUP = {
  steps: Object.keys(ZNS_TEMPLATES),
  failFirstShare: ZNS_FAIL_FIRST_SHARE,
  notOnZaloShare: ZNS_NOT_ON_ZALO_SHARE,
};

/** Starts the fake ZNS with the bench's templates and shares, and the worker's environment for it. */
export async function startBenchZns(): Promise<{ fake: FakeZns; workerEnv: WorkerZnsEnv }> {
  const fake = await startFakeZns({
    templates: new Map(Object.values(ZNS_TEMPLATES).map((t) => [t.template_id, Object.keys(t.params)])),
    accessToken: ZNS_TOKEN,
    failFirstShare: ZNS_FAIL_FIRST_SHARE,
    notOnZaloShare: ZNS_NOT_ON_ZALO_SHARE,
  });
  return {
    fake,
    workerEnv: { apiRoot: fake.apiRoot, templates: JSON.stringify(ZNS_TEMPLATES), accessToken: ZNS_TOKEN },
  };
}

/** A phase's outcome; with ZNS on, chats the bot could not reach count by where their notification ended. */
export async function outcomeOf(
  db: Db,
  fake: FakeZaloBot,
  zns: FakeZns | undefined,
  tag: string,
  submitted: readonly Submitted[],
): Promise<PhaseOutcome> {
  if (!zns) return phaseOutcome(db, fake, tag, submitted);
  const rows = await citizenNotifications(db, tag);
  return phaseOutcome(db, fake, tag, submitted, {
    otherwise: settledOtherwise(firstOwed(rows), zns),
    botSent: sentOnChannelByChat(rows, "zalo-bot"),
  });
}

/**
 * Stops a phase's officer and waits until every notification owed to its chats settled (the
 * officer's steps too); how many PAKN the officer returned (undefined without one).
 */
export async function settleReturns(
  db: Db,
  officer: ReturningOfficer | undefined,
  tag: string,
  log: (text: string) => void,
): Promise<number | undefined> {
  if (!officer) return undefined;
  const returned = await officer.stop();
  const settled = await waitUntilSettled(db, tag, 120_000, (left) =>
    log(`settling ${tag}: ${left} citizen notifications not yet told or waiting`),
  );
  if (!settled) log(`${tag}: some citizen notifications never settled (counted as lost)`);
  return returned;
}

/** Where the measured and the recovery phases' citizen notifications ended, and what the fakes refused. */
export async function deliveryReport(
  db: Db,
  fake: FakeZaloBot,
  zns: FakeZns,
  returned: { run: number | undefined; flush: number | undefined },
) {
  const phase = async (tag: string, returnedByOfficer: number | undefined) => ({
    returnedByOfficer,
    ...deliveryCounts(await citizenNotifications(db, tag), { bot: fake, zns }, { channel: "zalo-bot", tag }),
  });
  return {
    measure: await phase("run", returned.run),
    recovery: await phase("flush", returned.flush),
    fakes: {
      botRefusedSends: fake.refused(),
      znsDelivered: zns.delivered.length,
      znsRefusals: zns.refusals,
    },
  };
}
