import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./client.js";
import { deliveryFailures } from "./schema.js";

/** A reply that could not be delivered for a permanent reason. */
export interface DeliveryFailure {
  channel: string;
  recipient: string;
  errorCode: number;
  createdAt: Date;
}

/** Records a permanent delivery failure (never retried), so operators can see who was not reached. */
export async function recordDeliveryFailure(
  db: Db,
  failure: { channel: string; recipient: string; errorCode: number },
): Promise<void> {
  await db.insert(deliveryFailures).values(failure);
}

/** The recorded failures of a channel (optionally of one recipient), oldest first. */
export async function listDeliveryFailures(
  db: Db,
  channel: string,
  recipient?: string,
): Promise<DeliveryFailure[]> {
  const where = recipient
    ? and(eq(deliveryFailures.channel, channel), eq(deliveryFailures.recipient, recipient))
    : eq(deliveryFailures.channel, channel);
  return db
    .select({
      channel: deliveryFailures.channel,
      recipient: deliveryFailures.recipient,
      errorCode: deliveryFailures.errorCode,
      createdAt: deliveryFailures.createdAt,
    })
    .from(deliveryFailures)
    .where(where)
    .orderBy(asc(deliveryFailures.id));
}
