import { addTokens, AttoSum, IntegerSum, newAmount, readAmount } from "./exactSum";
import type { FieldIndex } from "./exportColumns";
import type { InvoiceLine } from "./invoiceLine";
import { chargeSkipped, readRowGroup, type RowGroup } from "./readRowGroup";

type LineSum = {
  line: Omit<InvoiceLine, "rows" | "tokens" | "billedAtto" | "effectiveAtto">;
  rows: number;
  tokens: IntegerSum;
  billed: AttoSum;
  effective: AttoSum;
};
type Group = { skipped: string } | { line: LineSum; group: RowGroup };

// Cells of a group's key are joined with a character no export puts in them.
const SEP = "\u001f";

/**
 * Export rows summed as they are read into one line per day, resource, meter, charge category and
 * currency (a few thousand, whatever the row count), with every row that does not count tallied
 * under its reason. Holds no row.
 */
export class InvoiceTally {
  rows = 0;
  counted = 0;
  readonly skipped: Record<string, number> = {};
  private readonly groups = new Map<string, Group>();
  private readonly sums = new Map<string, LineSum>();
  private readonly quantity = newAmount();
  private readonly billed = newAmount();
  private readonly effective = newAmount();

  constructor(
    private readonly f: FieldIndex,
    private readonly resources: readonly string[],
  ) {}

  add(cells: string[]): void {
    this.rows++;
    const skipped = this.count(cells);
    if (skipped !== null) this.skipped[skipped] = (this.skipped[skipped] ?? 0) + 1;
  }

  /** Adds a row to its line; or says why it was set aside. */
  private count(cells: string[]): string | null {
    const f = this.f;
    // Most rows of a real export are other services: they are set aside before any key is built.
    const skipped = chargeSkipped(cells[f.chargeCategory] ?? "", cells[f.meterName] ?? "");
    if (skipped !== null) return skipped;
    const key = `${cells[f.day]}${SEP}${cells[f.resourceId]}${SEP}${cells[f.meterName]}${SEP}${cells[f.chargeCategory]}${SEP}${cells[f.currency]}${SEP}${cells[f.unit]}${SEP}${cells[f.pricingUnit]}${SEP}${cells[f.blockSize]}${SEP}${cells[f.unitDescription]}${SEP}${cells[f.region]}`;
    let group = this.groups.get(key);
    if (group === undefined) this.groups.set(key, (group = this.readGroup(cells)));
    if ("skipped" in group) return group.skipped;
    if (!readAmount(cells[group.group.quantityColumn] ?? "", this.quantity)) return "unit is not tokens";
    if (!readAmount(cells[f.billed] ?? "", this.billed) || !readAmount(cells[f.effective] ?? "", this.effective)) return "unreadable cost";
    this.counted++;
    const sum = group.line;
    sum.rows++;
    addTokens(sum.tokens, this.quantity, group.group.per);
    sum.billed.add(this.billed);
    sum.effective.add(this.effective);
    return null;
  }

  /** The summed lines (a group whose every row was set aside has none). */
  lines(): InvoiceLine[] {
    return [...this.sums.values()]
      .filter((s) => s.rows > 0)
      .map((s) => ({ ...s.line, rows: s.rows, tokens: s.tokens.value, billedAtto: s.billed.value, effectiveAtto: s.effective.value }));
  }

  /** Rows whose cells differ only in spelling (case, spaces, time of day) share one line. */
  private readGroup(cells: string[]): Group {
    const reading = readRowGroup(cells, this.f, this.resources);
    if ("skipped" in reading) return reading;
    const g = reading.group;
    const key = `${g.day}|${g.resourceId}|${g.meterName}|${g.chargeCategory}|${g.currency}`;
    let line = this.sums.get(key);
    if (!line) {
      const { day, resourceId, region, meterName, chargeCategory, currency } = g;
      const { modelId, sku, batch, kind } = g.meter;
      line = {
        line: { day, resourceId, region, meterName, modelId, sku, batch, kind, chargeCategory, currency },
        rows: 0,
        tokens: new IntegerSum(),
        billed: new AttoSum(),
        effective: new AttoSum(),
      };
      this.sums.set(key, line);
    }
    return { line, group: g };
  }
}
