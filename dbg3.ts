import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { getDimensionReport } from "@/lib/reports/getDimensionReport";
import { onlyUnits } from "@/lib/reports/reportScope";
import { openStore } from "@/lib/store";
async function main() {
  const store = openStore();
  for (const by of ["end-user", "tag:project"]) {
  const d = await getDimensionReport(new LedgerReader(store), "2026-12", by as never, { scope: onlyUnits(["Stores"]) });
  const sum = d.rows.reduce((n, r) => n + Math.round(Number(r.cost) * 100), 0);
  console.log(by, d.rows.length, "sum", sum, "total", d.total, new Set(d.rows.map(r=>r.value)).size);
  const names = d.rows.map(r => r.name); const dup = names.filter((n, i) => names.indexOf(n) !== i); console.log("dup names", dup.slice(0,5));
  console.log(d.rows.filter(r => r.cost === "1.34" || r.name.length > 40 || /[^ -~]/.test(r.name)).slice(0,10), d.rows.findIndex(r => r.cost === "1.34"));
  }
}
main();
