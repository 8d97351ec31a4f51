import { CONTENT_FIELDS, type CountedVersion, type EventContent, eventDigest } from "../../events/eventConflict";
import type { IncomingEvent } from "../port";
import type { Containers } from "./containers";
import { docId, eachLimited } from "./cosmosOps";
import { utcDay } from "../../events/parseEventTime";

/**
 * An event identity's claim: the first version's digest and content, in the `identities`
 * container, each its own logical partition. Item ids are unique only within a partition, and a
 * fact lives in its app × day partition, so a version of the same identity with another app or day
 * would not meet the first one there: the claim is where every version of an identity meets.
 */
export type ClaimDoc = {
  id: string;
  kind: "claim";
  eventId: string;
  /** The fact's UTC day: purges drop claims with their facts. */
  day: string;
  digest: string;
} & CountedVersion;

const PARALLEL = 16;

function claimOf({ id, source, event }: IncomingEvent, receivedAt: number): ClaimDoc {
  const claimId = docId("claim", id);
  const day = utcDay(event.time);
  return {
    id: claimId,
    kind: "claim",
    eventId: id,
    day,
    digest: eventDigest(event),
    source,
    receivedAt,
    content: Object.fromEntries(CONTENT_FIELDS.map((f) => [f, event[f] ?? null])) as EventContent,
  };
}

/**
 * Claims each identity for its event's content: the claim that stands afterwards, this one or an
 * earlier one (a 409), per event. A claim left by a writer that died before its fact is the same
 * version when that fact is redelivered, so the fact is still written then.
 */
export async function claimEvents(c: Containers, events: readonly IncomingEvent[], receivedAt: number): Promise<ClaimDoc[]> {
  const claims = events.map((e) => claimOf(e, receivedAt));
  await eachLimited([...claims.entries()], PARALLEL, async ([i, claim]) => {
    try {
      await c.identities.items.create(claim, { disableAutomaticIdGeneration: true });
    } catch (error) {
      if ((error as { code?: unknown }).code !== 409) throw error;
      const { resource } = await c.identities.item(claim.id, claim.id).read<ClaimDoc>();
      if (!resource) throw new Error(`the claim of ${claim.eventId} vanished after a conflict; the batch will be retried`);
      claims[i] = resource;
    }
  });
  return claims;
}
