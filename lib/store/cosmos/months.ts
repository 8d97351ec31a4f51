import type { ClosedMonth, CostedLine, MonthLogEntry } from "../../statements/statementLine";
import type { Containers } from "./containers";
import { deleteEach, docId, nextSeq, queryAll, upsertEach } from "./cosmosOps";

type StoredLine = Omit<CostedLine, "atto" | "cents" | "listAtto" | "listCents"> & { atto: string; cents: string; listAtto: string; listCents: string };
type ClosedDoc = { id: "closed"; month: string; type: "closed"; value: ClosedMonth };
type LineDoc = { id: string; month: string; type: "line"; forMonth: string; value: StoredLine };
type LogDoc = { id: string; month: string; type: "log"; seq: string; value: MonthLogEntry };

// Money stays exact: bigint atto and cents as decimal strings, never binary floats.
const storeLine = (l: CostedLine): StoredLine => ({ ...l, atto: l.atto.toString(), cents: l.cents.toString(), listAtto: l.listAtto.toString(), listCents: l.listCents.toString() });
const readLine = (l: StoredLine): CostedLine => ({ ...l, atto: BigInt(l.atto), cents: BigInt(l.cents), listAtto: BigInt(l.listAtto), listCents: BigInt(l.listCents) });
const lineId = (l: CostedLine) => docId(l.kind, l.forMonth, l.businessUnit, l.costCenter, l.appId, l.model);

export async function getClosedMonth(c: Containers, month: string): Promise<ClosedMonth | null> {
  const { resource } = await c.months.item("closed", month).read<ClosedDoc>();
  return resource?.value ?? null;
}

export async function listClosedMonths(c: Containers): Promise<ClosedMonth[]> {
  const docs = await queryAll<ClosedDoc>(c.months, `SELECT * FROM c WHERE c.type = "closed"`);
  return docs.map((d) => d.value).sort((a, b) => (a.month < b.month ? -1 : 1));
}

/**
 * Lines of closed months only: the closed record is written after its lines and deleted before
 * them, so lines left by a crash in between are never read as a statement.
 */
export async function listStatementLines(c: Containers, filter: { month: string } | { forMonth: string }): Promise<CostedLine[]> {
  const closed = new Set((await listClosedMonths(c)).map((m) => m.month));
  const docs =
    "month" in filter
      ? await queryAll<LineDoc>(c.months, `SELECT * FROM c WHERE c.month = @month AND c.type = "line"`, { "@month": filter.month }, filter.month)
      : await queryAll<LineDoc>(c.months, `SELECT * FROM c WHERE c.forMonth = @forMonth AND c.type = "line"`, { "@forMonth": filter.forMonth });
  return docs.filter((d) => closed.has(d.month)).map((d) => readLine(d.value));
}

async function lineIds(c: Containers, month: string) {
  const ids = await queryAll<string>(c.months, `SELECT VALUE c.id FROM c WHERE c.month = @month AND c.type = "line"`, { "@month": month }, month);
  return ids.map((id) => ({ id, partitionKey: month }));
}

/** Lines, then the closed record (the commit point: a second close gets a 409), then the log. */
export async function saveClosedMonth(c: Containers, closed: ClosedMonth, lines: CostedLine[], log: MonthLogEntry): Promise<void> {
  const month = closed.month;
  if (await getClosedMonth(c, month)) throw new Error(`${month} is already closed`);
  await deleteEach(c.months, await lineIds(c, month)); // left by a close that crashed before its record
  await upsertEach(c.months, lines.map((l): LineDoc => ({ id: lineId(l), month, type: "line", forMonth: l.forMonth, value: storeLine(l) })));
  await c.months.items.create<ClosedDoc>({ id: "closed", month, type: "closed", value: closed });
  await appendLog(c, log);
}

/** The closed record first (the month is open from then on), then the log, then its lines. */
export async function deleteClosedMonth(c: Containers, month: string, log: MonthLogEntry): Promise<void> {
  await c.months.item("closed", month).delete();
  await appendLog(c, log);
  await deleteEach(c.months, await lineIds(c, month));
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
