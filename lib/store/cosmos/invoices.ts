import { nextDay, nextMonth } from "../../core/months";
import type { InvoiceImport, InvoiceLine } from "../../invoice/invoiceLine";
import type { Containers } from "./containers";
import { deleteEach, docId, queryAll, upsertEach } from "./cosmosOps";
import { listValues, readRef, refDoc } from "./upsertByKey";

type StoredLine = Omit<InvoiceLine, "tokens" | "billedAtto" | "effectiveAtto"> & { tokens: string; billedAtto: string; effectiveAtto: string };
type LineDoc = { id: string; month: string; type: "invoiceLine"; importId: string; day: string; value: StoredLine };

const KIND = "invoiceImport";
// Exact integers as decimal strings: tokens and atto amounts outgrow a JSON number.
const storeLine = (l: InvoiceLine): StoredLine => ({
  ...l,
  tokens: l.tokens.toString(),
  billedAtto: l.billedAtto.toString(),
  effectiveAtto: l.effectiveAtto.toString(),
});
const readLine = (l: StoredLine): InvoiceLine => ({ ...l, tokens: BigInt(l.tokens), billedAtto: BigInt(l.billedAtto), effectiveAtto: BigInt(l.effectiveAtto) });

/**
 * Lines go in the `months` container (partition: the month of their day), then the import's
 * record in `reference`: the record is the commit point, lines without one are never read. The
 * same content has the same id and so the same line ids: importing it again rewrites them alike.
 * Superseded imports go record first (from then on their lines are never read), lines after.
 */
export async function saveInvoiceImport(
  c: Containers,
  record: InvoiceImport,
  lines: InvoiceLine[],
  supersedes: string[],
): Promise<{ alreadyImported: boolean }> {
  const alreadyImported = (await readRef<InvoiceImport>(c, KIND, record.id)) !== null;
  await upsertEach(
    c.months,
    lines.map(
      (l): LineDoc => ({
        id: docId("invoiceLine", record.id, l.day, l.resourceId, l.meterName, l.chargeCategory, l.currency),
        month: l.day.slice(0, 7),
        type: "invoiceLine",
        importId: record.id,
        day: l.day,
        value: storeLine(l),
      }),
    ),
  );
  await upsertEach(c.reference, [refDoc(KIND, record.id, record)]);
  for (const id of supersedes.filter((s) => s !== record.id)) {
    const old = await readRef<InvoiceImport>(c, KIND, id);
    if (!old) continue;
    await c.reference.item(old.doc.id, KIND).delete();
    const months = monthsOf(old.doc.value.fromDay, nextDay(old.doc.value.toDay));
    const ids = await queryAll<{ id: string; month: string }>(
      c.months,
      `SELECT c.id, c.month FROM c WHERE ARRAY_CONTAINS(@months, c.month) AND c.type = "invoiceLine" AND c.importId = @id`,
      { "@months": months, "@id": id },
    );
    await deleteEach(
      c.months,
      ids.map((d) => ({ id: d.id, partitionKey: d.month })),
    );
  }
  return { alreadyImported };
}

export async function listInvoiceLines(c: Containers, fromDay: string, toDay: string): Promise<InvoiceLine[]> {
  const imported = new Set((await listInvoiceImports(c)).map((i) => i.id));
  // By month (the partition key, indexed), then by day here: `day` is not an indexed path.
  const docs = (
    await queryAll<LineDoc>(c.months, `SELECT * FROM c WHERE ARRAY_CONTAINS(@months, c.month) AND c.type = "invoiceLine"`, {
      "@months": monthsOf(fromDay, toDay),
    })
  ).filter((d) => d.day >= fromDay && d.day < toDay);
  const key = (d: LineDoc) => [d.day, d.value.resourceId, d.value.meterName, d.value.chargeCategory, d.value.currency, d.importId].join("\u0000");
  return docs
    .filter((d) => imported.has(d.importId))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))
    .map((d) => readLine(d.value));
}

/** The months (YYYY-MM) that days in [fromDay, toDay) fall in. */
function monthsOf(fromDay: string, toDay: string): string[] {
  const months: string[] = [];
  for (let m = fromDay.slice(0, 7); `${m}-01` < toDay; m = nextMonth(m)) months.push(m);
  return months;
}

export async function listInvoiceImports(c: Containers): Promise<InvoiceImport[]> {
  const all = await listValues<InvoiceImport>(c, KIND);
  return all.sort((a, b) => a.importedAt - b.importedAt || (a.id < b.id ? -1 : 1));
}
