// npm run bench:invoice [-- N] (and the second half of `npm run bench`): rows/s and peak memory of
// `chargeback invoice import` on a generated FOCUS export of N rows (default 1,000,000), plain and
// gzip'd, the whole CLI run, start-up included, beside the raw limit measured in the same run: the
// same bytes read (and gunzipped), decoded and split into lines, with no CSV parsing at all.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { StringDecoder } from "node:string_decoder";
import { createGunzip, gzipSync } from "node:zlib";
import { out, pricedStore, root } from "./pricedStore";
import { itemAt } from "../lib/core/arrays";
import { leading } from "../tests/support/arrays";

const N = Number(process.argv[2] ?? 1_000_000);
const TARGET_ROWS_PER_SECOND = 100_000;
const TARGET_PEAK_MB = 300;
const exportFile = path.join(out, "focus-export.csv");

// Real meter names; one in ten rows is not a token meter (skipped with a reason, as in real exports).
const METERS = [
  "gpt-4o-0806-Inp-glbl Tokens",
  "gpt-4o-0806-Outp-glbl Tokens",
  "gpt 4o 0806 cached Inp glbl Tokens",
  "gpt 4.1 mini Inp Data Zone Tokens",
  "gpt 4.1 mini Outp Data Zone Tokens",
  "gpt 4.1 mini cached Inp DZone Tokens",
  "gpt-4o-0806-Inp-regnl Tokens",
  "gpt-4o-0806-Outp-regnl Tokens",
  "gpt-4o-0806-FT-inp-glbl Tokens",
];
// Units as Cost Management's FOCUS export writes token meters: the distinct unit "Units" (consumed
// quantity in tokens, pricing quantity in blocks), the block in x_PricingBlockSize, the meter's own
// unit in x_PricingUnitDescription (the FinOps toolkit's PricingUnits.csv: "1K" is Units × 1000).
const HEADER =
  "BilledCost,BillingCurrency,ChargeCategory,ChargePeriodStart,ChargePeriodEnd,ConsumedQuantity,ConsumedUnit,EffectiveCost,ListCost,PricingQuantity,PricingUnit,RegionId,ResourceId,ServiceName,SkuId,Tags,x_PricingBlockSize,x_PricingUnitDescription,x_SkuMeterId,x_SkuMeterName";

function generate(): void {
  const fd = fs.openSync(exportFile, "w");
  fs.writeSync(fd, `${HEADER}\n`);
  let chunk: string[] = [];
  for (let i = 0; i < N; i++) {
    const day = `2026-${String(1 + (Math.floor(i / 3000) % 12)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`;
    const quantity = ((i * 7919) % 100_000) / 1000;
    const cost = (quantity * 0.0025).toFixed(10);
    const resource = `/subscriptions/0000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/aoai-${i % 40}`;
    chunk.push(
      `${cost},USD,Usage,${day}T00:00:00Z,${day}T23:59:59Z,${(i * 7919) % 100_000},Units,${cost},${cost},${quantity},Units,eastus2,${resource},Azure OpenAI,sku,"{""team"":""t${i % 9}""}",1000,1K,m,${METERS[i % METERS.length]}`,
    );
    if (chunk.length === 10_000) {
      fs.writeSync(fd, `${chunk.join("\n")}\n`);
      chunk = [];
    }
  }
  fs.writeSync(fd, `${chunk.join("\n")}\n`);
  fs.closeSync(fd);
}

/** The raw limit: the file read (and gunzipped) and its text split into lines, in this process. */
async function rawLimit(file: string): Promise<number> {
  const started = process.hrtime.bigint();
  const source = fs.createReadStream(file, { highWaterMark: 1 << 16 });
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let lines = 0;
  for await (const chunk of file.endsWith(".gz") ? source.pipe(createGunzip()) : source) {
    const parts = (rest + decoder.write(chunk as Buffer)).split("\n");
    rest = parts.pop() ?? "";
    lines += parts.length;
  }
  if (lines < N) throw new Error(`read only ${lines} lines`);
  return N / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** The import as a user runs it; GNU time reports the process's peak resident set. */
function cliImport(file: string, db: string): { rate: number; peakMb: number; cpuSeconds: number; summary: string } {
  const started = process.hrtime.bigint();
  const result = spawnSync(
    "/usr/bin/time",
    ["-f", "maxrss_kb=%M cpu_s=%U+%S", process.execPath, path.join(root, "bin", "chargeback.js"), "invoice", "import", file, "--db", `file:${db}`],
    { encoding: "utf8" },
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`chargeback invoice import failed: ${result.stderr}`);
  const kb = Number(/maxrss_kb=(\d+)/.exec(result.stderr)?.[1]);
  const [user, system] = leading((/cpu_s=([\d.]+)\+([\d.]+)/.exec(result.stderr) ?? []).slice(1).map(Number), 2);
  return { rate: N / seconds, peakMb: kb / 1024, cpuSeconds: user + system, summary: result.stdout.trim() };
}

async function main() {
  console.log(`generating a FOCUS export of ${N.toLocaleString("en-US")} rows…`);
  fs.mkdirSync(out, { recursive: true });
  generate();
  fs.writeFileSync(`${exportFile}.gz`, gzipSync(fs.readFileSync(exportFile), { level: 6 }));
  const mb = (file: string) => (fs.statSync(file).size / 1e6).toFixed(0);
  const fmt = (n: number) => Math.round(n).toLocaleString("en-US").padStart(9);
  // The machine's load as the runs start: on a shared machine the figures move with it.
  console.log(
    `\nrows: ${N.toLocaleString("en-US")} (${mb(exportFile)} MB of CSV, ${mb(`${exportFile}.gz`)} MB gzip'd); ${os.cpus().length} CPUs, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  let met = true;
  for (const file of [exportFile, `${exportFile}.gz`]) {
    const raw = await rawLimit(file);
    const run = cliImport(file, await pricedStore("invoice.db"));
    const kind = file.endsWith(".gz") ? "gzip'd" : "plain ";
    console.log(`${kind} raw limit  (read${file.endsWith(".gz") ? " + gunzip" : ""} + split lines, no CSV):      ${fmt(raw)} rows/s`);
    console.log(
      `${kind} chargeback invoice import (whole CLI run, start-up included): ${fmt(run.rate)} rows/s  (${((run.rate / raw) * 100).toFixed(0)}% of raw), peak memory ${run.peakMb.toFixed(0)} MB, ${run.cpuSeconds.toFixed(1)} CPU-seconds`,
    );
    met &&= run.rate >= TARGET_ROWS_PER_SECOND && run.peakMb < TARGET_PEAK_MB;
    if (file === exportFile) console.log(`  summary: ${run.summary.slice(0, 300)}`);
  }
  console.log(
    `target: ≥ ${TARGET_ROWS_PER_SECOND.toLocaleString("en-US")} rows/s and < ${TARGET_PEAK_MB} MB, both files → ${met ? "met" : "NOT met"}; load average now ${itemAt(os.loadavg(), 0).toFixed(1)}`,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
