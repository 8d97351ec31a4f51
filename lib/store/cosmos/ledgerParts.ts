import { randomUUID } from "node:crypto";
import type { StoredLedgerPart } from "../port";
import type { Containers } from "./containers";
import { docId, upsertEach } from "./cosmosOps";

/**
 * A month's materialized ledger in the `months` container, beside its statement: each part in
 * chunks of at most CHUNK characters (a document holds 2 MB), every chunk carrying the part's
 * stamp and chunk count, so a part read while another writer replaces it is seen as missing,
 * never as a mix of two builds. The usage version is one document per month, rewritten by every
 * usage batch that writes rollups of the month.
 */
type PartDoc = { id: string; month: string; type: "ledgerPart"; stamp: string; builtAt: number; chunks: number; body: string };
type VersionDoc = { id: "usage-version"; month: string; type: "usageVersion"; version: string };

const CHUNK = 1_500_000;
const chunkId = (part: string, i: number) => docId("ledgerPart", part, i);

export async function getUsageVersion(c: Containers, month: string): Promise<string> {
  const { resource } = await c.months.item("usage-version", month).read<VersionDoc>();
  return resource?.version ?? "0";
}

/** A new version for each month a usage batch wrote rollups of. */
export async function touchUsageMonths(c: Containers, months: Iterable<string>): Promise<void> {
  await upsertEach(
    c.months,
    [...months].map((month): VersionDoc => ({ id: "usage-version", month, type: "usageVersion", version: randomUUID() })),
  );
}

export async function getLedgerPart(c: Containers, month: string, part: string): Promise<StoredLedgerPart | null> {
  const { resource: first } = await c.months.item(chunkId(part, 0), month).read<PartDoc>();
  if (!first) return null;
  let body = first.body;
  for (let i = 1; i < first.chunks; i++) {
    const { resource } = await c.months.item(chunkId(part, i), month).read<PartDoc>();
    if (!resource || resource.stamp !== first.stamp || resource.builtAt !== first.builtAt) return null;
    body += resource.body;
  }
  return { stamp: first.stamp, builtAt: first.builtAt, body };
}

export async function saveLedgerParts(
  c: Containers,
  month: string,
  stamp: string,
  builtAt: number,
  parts: readonly { part: string; body: string }[],
): Promise<void> {
  const docs: PartDoc[] = parts.flatMap(({ part, body }) => {
    const chunks = Math.max(1, Math.ceil(body.length / CHUNK));
    return Array.from({ length: chunks }, (_, i) => ({
      id: chunkId(part, i),
      month,
      type: "ledgerPart" as const,
      stamp,
      builtAt,
      chunks,
      body: body.slice(i * CHUNK, (i + 1) * CHUNK),
    }));
  });
  await upsertEach(c.months, docs);
}
