import { CONTENT_FIELDS, type CountedVersion, type EventContent, eventDigest } from "../../events/eventConflict";
import type { IncomingEvent } from "../port";
import type { Containers } from "./containers";
import { docId, eachLimited } from "./cosmosOps";
import { utcDay } from "../../events/parseEventTime";

/**
 * An event identity's claim, which is also the stored fact: the first version's digest and content,
 * in the `identities` container, each its own logical partition (so facts spread over every
 * physical partition, whatever the app). Every version of an identity meets its claim there, so a
 * version with another app or day is a conflict, as on SQLite. `journal` names the batch of the
 * app-day partition that created it (rollupSheet.ts): its rollups are counted by that batch.
 */
export type ClaimDoc = {
  id: string;
  kind: "claim";
  eventId: string;
  /** The fact's UTC day: purges drop claims with their facts. */
  day: string;
  digest: string;
  /** Absent on claims written before rollup sheets: those were counted when written. */
  journal?: string;
} & CountedVersion;
/**
 * What a writer that took over an abandoned batch leaves where that batch's claim never arrived:
 * the identity was not counted, and a later delivery replaces this with its real claim. A late
 * write of the abandoned batch meets it (409) and gives up instead of being counted by nobody.
 */
export type VoidClaim = { id: string; kind: "claim"; void: true; journal: string; day: string };
type StoredClaim = ClaimDoc | VoidClaim;

const PARALLEL = 16;
const READ_AGAIN = 20;
const codeOf = (error: unknown) => (error as { code?: unknown }).code;
export const claimId = (eventId: string) => docId("claim", eventId);

export function claimOf({ id, source, event }: IncomingEvent, receivedAt: number, journal: string): ClaimDoc {
  return {
    id: claimId(id),
    kind: "claim",
    eventId: id,
    day: utcDay(event.time),
    digest: eventDigest(event),
    journal,
    source,
    receivedAt,
    content: Object.fromEntries(CONTENT_FIELDS.map((f) => [f, event[f] ?? null])) as EventContent,
  };
}

export class LeaseLost extends Error {
  constructor(journal: string) {
    super(`the batch ${journal} was taken over by another writer after its lease expired; it will be retried`);
  }
}

/**
 * Creates each claim: `created[i]` true when it is new (or replaced a void one), so this batch
 * counts it; otherwise `claims[i]` is the claim that stands (a redelivery or a conflicting version).
 * Meeting a void claim of this very batch means another writer took the batch over: LeaseLost.
 */
export async function createClaims(c: Containers, wanted: readonly ClaimDoc[]): Promise<{ created: boolean[]; claims: ClaimDoc[] }> {
  const created = new Array<boolean>(wanted.length).fill(false);
  const claims = [...wanted];
  await eachLimited([...wanted.entries()], PARALLEL, async ([i, claim]) => {
    for (;;) {
      try {
        await c.identities.items.create(claim, { disableAutomaticIdGeneration: true });
        created[i] = true;
        return;
      } catch (error) {
        if (codeOf(error) !== 409) throw error;
      }
      const { resource, etag } = await c.identities.item(claim.id, claim.id).read<StoredClaim>();
      if (!resource) continue; // purged in between: create again
      if (!("void" in resource)) {
        claims[i] = resource;
        return;
      }
      if (resource.journal === claim.journal) throw new LeaseLost(claim.journal!);
      try {
        await c.identities.item(claim.id, claim.id).replace(claim, { accessCondition: { type: "IfMatch", condition: etag! } });
        created[i] = true;
        return;
      } catch (error) {
        if (codeOf(error) !== 412) throw error; // another version got there first: read it again
      }
    }
  });
  return { created, claims };
}

/**
 * The claims a batch of `journal` created, for a writer settling it after its own writer vanished:
 * each identity it named is either a claim of that batch (counted), or fenced with a void claim so
 * that a late write of the abandoned batch can no longer land uncounted.
 */
export async function claimsOfJournal(c: Containers, ids: readonly string[], journal: string, day: string): Promise<ClaimDoc[]> {
  const found: ClaimDoc[] = [];
  await eachLimited(ids, PARALLEL, async (id) => {
    const fence: VoidClaim = { id, kind: "claim", void: true, journal, day };
    try {
      await c.identities.items.create(fence, { disableAutomaticIdGeneration: true });
      return;
    } catch (error) {
      if (codeOf(error) !== 409) throw error;
    }
    // The 409 says the claim exists: a read that misses it came from a replica behind the write, so read again.
    for (let attempt = 0; ; attempt++) {
      const { resource } = await c.identities.item(id, id).read<StoredClaim>();
      if (resource) {
        if (!("void" in resource) && resource.journal === journal) found.push(resource);
        return;
      }
      if (attempt === READ_AGAIN) throw new Error(`the claim ${id} answered 409 but cannot be read; the batch ${journal} will be settled later`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  return found;
}
