// npm run bench:invoice [-- N]: rows/s and peak memory of `chargeback invoice import` on a generated
// FOCUS export of N rows (default 1,000,000), the whole CLI run, start-up included.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { out, pricedStore, root } from "./pricedStore";

const N = Number(process.argv[2] ?? 1_000_000);
const TARGET_ROWS_PER_SECOND = 100_000;
const TARGET_PEAK_MB = 300;
const exportFile = path.join(out, "focus-export.csv");

// Real meter names; one in ten rows is not a token meter (skipped with a reason, as in real exports).
const METERS = ["gpt-4o-0806-Inp-glbl Tokens", "gpt-4o-0806-Outp-glbl Tokens", "gpt 4o 0806 cached Inp glbl Tokens", "gpt 4.1 mini Inp Data Zone Tokens", "gpt 4.1 mini Outp Data Zone Tokens", "gpt 4.1 mini cached Inp DZone Tokens", "gpt-4o-0806-Inp-regnl Tokens", "gpt-4o-0806-Outp-regnl Tokens", "gpt-4o-0806-FT-inp-glbl Tokens"];
const HEADER = "BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,EffectiveCost,ListCost,PricingQuantity,PricingUnit,RegionId,ResourceId,ServiceName,SkuId,Tags,x_SkuMeterId,x_SkuMeterName";

function generate(): void {
  const fd = fs.openSync(exportFile, "w");
  fs.writeSync(fd, `${HEADER}\n`);
  let chunk: string[] = [];
  for (let i = 0; i < N; i++) {
    const day = `2026-${String(1 + (Math.floor(i / 3000) % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const quantity = ((i * 7919) % 100_000) / 1000;
    const cost = (quantity * 0.0025).toFixed(10);
    const resource = `/subscriptions/0000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/aoai-${i % 40}`;
    chunk.push(`${cost},USD,Usage,${day}T00:00:00Z,${day}T23:59:59Z,${quantity},1K Tokens,${cost},${cost},${quantity},1K Tokens,eastus2,${resource},Azure OpenAI,sku,"{""team"":""t${i % 9}""}",m,${METERS[i % METERS.length]}`);
    if (chunk.length === 10_000) {
      fs.writeSync(fd, `${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  fs.writeSync(fd, `${chunk.join("\n")}\n`);
  fs.closeSync(fd);
}

/** The import as a user runs it; GNU time reports the process's peak resident set. */
function cliImport(db: string): { rate: number; peakMb: number; summary: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync("/usr/bin/time", ["-f", "maxrss_kb=%M", process.execPath, path.join(root, "bin", "chargeback.js"), "invoice", "import", exportFile, "--db", `file:${db}`], { encoding: "utf8" });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`chargeback invoice import failed: ${result.stderr}`);
  const kb = Number(/maxrss_kb=(\d+)/.exec(result.stderr)?.[1]);
  return { rate: N / seconds, peakMb: kb / 1024, summary: result.stdout.trim() };
}

async function main() {
  console.log(`generating a FOCUS export of ${N.toLocaleString("en-US")} rows…`);
  fs.mkdirSync(out, { recursive: true });
  generate();
  const mb = (fs.statSync(exportFile).size / 1e6).toFixed(0);
  const run = cliImport(await pricedStore("invoice.db"));
  console.log(`\nrows: ${N.toLocaleString("en-US")} (${mb} MB of CSV)`);
  console.log(`chargeback invoice import (whole CLI run, start-up included): ${Math.round(run.rate).toLocaleString("en-US")} rows/s, peak memory ${run.peakMb.toFixed(0)} MB`);
  console.log(`  summary: ${run.summary.slice(0, 300)}`);
  const ok = run.rate >= TARGET_ROWS_PER_SECOND && run.peakMb < TARGET_PEAK_MB;
  console.log(`target: ≥ ${TARGET_ROWS_PER_SECOND.toLocaleString("en-US")} rows/s and < ${TARGET_PEAK_MB} MB → ${ok ? "met" : "NOT met"}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
