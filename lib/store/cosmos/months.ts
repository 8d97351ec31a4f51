import { randomUUID } from "node:crypto";
import { type ClosedMonth, type CostedLine, type MonthLogEntry, readParts, storeParts } from "../../statements/statementLine";
import type { Containers } from "./containers";
import { bumpCatalogVersion } from "./upsertByKey";
import { deleteEach, docId, nextSeq, queryAll, upsertEach } from "./cosmosOps";

type StoredLine = Omit<CostedLine, "atto" | "cents" | "listAtto" | "listCents" | "parts"> & {
  atto: string;
  cents: string;
  listAtto: string;
  listCents: string;
  parts?: string;
};
/**
 * Each close is a generation (`closeId`): its lines carry it, and only the lines of the closed
 * record's generation are the statement. So a close racing another, or a reopen racing a new
 * close, can never delete or mix in the other's lines.
 */
type ClosedDoc = { id: "closed"; month: string; type: "closed"; closeId: string; value: ClosedMonth };
type LineDoc = { id: string; month: string; type: "line"; forMonth: string; closeId: string; value: StoredLine };
type LogDoc = { id: string; month: string; type: "log"; seq: string; value: MonthLogEntry };

// Money stays exact: bigint atto and cents as decimal strings, never binary floats.
const storeLine = ({ parts, ...l }: CostedLine): StoredLine => ({
  ...l,
  atto: l.atto.toString(),
  cents: l.cents.toString(),
  listAtto: l.listAtto.toString(),
  listCents: l.listCents.toString(),
  ...(parts ? { parts: storeParts(parts) } : {}),
});
// Lines frozen before split rules existed have no rule: they came from the mapping.
const readLine = ({ parts, ...l }: StoredLine): CostedLine => ({
  ...l,
  rule: l.rule ?? "",
  atto: BigInt(l.atto),
  cents: BigInt(l.cents),
  listAtto: BigInt(l.listAtto),
  listCents: BigInt(l.listCents),
  ...(parts ? { parts: readParts(parts) } : {}),
});
// A line of the mapping keeps the id it had before split rules existed.
const lineId = (closeId: string, l: CostedLine) =>
  docId(closeId, l.kind, l.forMonth, l.businessUnit, l.costCenter, l.appId, l.model, ...(l.rule === "" ? [] : [l.rule]));

export async function getClosedMonth(c: Containers, month: string): Promise<ClosedMonth | null> {
  const { resource } = await c.months.item("closed", month).read<ClosedDoc>();
  return resource?.value ?? null;
}

const closedDocs = (c: Containers) => queryAll<ClosedDoc>(c.months, `SELECT * FROM c WHERE c.type = "closed"`);

export async function listClosedMonths(c: Containers): Promise<ClosedMonth[]> {
  return (await closedDocs(c)).map((d) => d.value).sort((a, b) => (a.month < b.month ? -1 : 1));
}

/** Lines of the current generation of closed months only: lines of a crashed or lost close never show. */
export async function listStatementLines(c: Containers, filter: { month: string } | { forMonth: string }): Promise<CostedLine[]> {
  const generation = new Map((await closedDocs(c)).map((d) => [d.month, d.closeId]));
  const docs =
    "month" in filter
      ? await queryAll<LineDoc>(c.months, `SELECT * FROM c WHERE c.month = @month AND c.type = "line"`, { "@month": filter.month }, filter.month)
      : await queryAll<LineDoc>(c.months, `SELECT * FROM c WHERE c.forMonth = @forMonth AND c.type = "line"`, { "@forMonth": filter.forMonth });
  return docs.filter((d) => generation.get(d.month) === d.closeId).map((d) => readLine(d.value));
}

/** Lines of the month not of generation `keep` (all, when it is null): crashed, lost or reopened closes. */
async function otherLines(c: Containers, month: string, keep: string | null) {
  const docs = await queryAll<{ id: string; closeId: string }>(
    c.months,
    `SELECT c.id, c.closeId FROM c WHERE c.month = @month AND c.type = "line"`,
    { "@month": month },
    month,
  );
  return docs.filter((d) => d.closeId !== keep).map((d) => ({ id: d.id, partitionKey: month }));
}

/** Lines, then the closed record (the commit point: a second close gets a 409), then the log and a sweep of older lines. */
export async function saveClosedMonth(c: Containers, closed: ClosedMonth, lines: CostedLine[], log: MonthLogEntry): Promise<void> {
  const month = closed.month;
  if (await getClosedMonth(c, month)) throw new Error(`${month} is already closed`);
  const closeId = randomUUID();
  await upsertEach(
    c.months,
    lines.map((l): LineDoc => ({ id: lineId(closeId, l), month, type: "line", forMonth: l.forMonth, closeId, value: storeLine(l) })),
  );
  await c.months.items.create<ClosedDoc>({ id: "closed", month, type: "closed", closeId, value: closed });
  await bumpCatalogVersion(c);
  await appendLog(c, log);
  await deleteEach(c.months, await otherLines(c, month, closeId));
}

/** The closed record first (the month is open from then on), then the log, then every line. */
export async function deleteClosedMonth(c: Containers, month: string, log: MonthLogEntry): Promise<void> {
  await c.months.item("closed", month).delete();
  await bumpCatalogVersion(c);
  await appendLog(c, log);
  await deleteEach(c.months, await otherLines(c, month, (await closedDocs(c)).find((d) => d.month === month)?.closeId ?? null));
}

async function appendLog(c: Containers, log: MonthLogEntry) {
  const seq = nextSeq();
  await c.months.items.create<LogDoc>({ id: docId("log", seq), month: log.month, type: "log", seq, value: log });
}

/** Oldest first. */
export async function listMonthLog(c: Containers): Promise<MonthLogEntry[]> {
  const docs = await queryAll<LogDoc>(c.months, `SELECT * FROM c WHERE c.type = "log"`);
  return docs.sort((a, b) => (a.seq < b.seq ? -1 : 1)).map((d) => d.value);
}
