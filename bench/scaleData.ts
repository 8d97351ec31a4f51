import { itemAt } from "../lib/core/arrays";
// An enterprise's months, written as rollups straight into a SQLite store (no events: a year at
// 30M events a month would take hours to ingest, and no page reads events). Scaled by `scale`:
// 1 = 5,000 apps, 50 units, 500 cost centers and about 30M events' worth of rollups a month.
import Database from "better-sqlite3";
import { BUCKET_COLUMNS } from "../lib/events/modelTimeBuckets";
import { TOKEN_DETAILS } from "../lib/pricing/billedTokens";
import { tokenKindsOf } from "../lib/pricing/tokenKinds";
import { SplitRule } from "../lib/allocation/splitRule";
import { monthDays, previousMonth } from "../lib/core/months";
import { importDeployments } from "../lib/pricing/importDeployments";
import { SqliteStore } from "../lib/store/sqlite/sqliteStore";
import { DEMO_DEPLOYMENTS } from "../ingest/worker/demo/demoOrganisation";
import { seededRandom } from "../ingest/worker/demo/random";
import { pricedStore } from "./pricedStore";

export type ScaleShape = { scale: number; months: number; lastMonth: string; lastDay: string };
export type ScaleOrg = { apps: string[]; units: string[]; busiestApp: string; deployments: number; splitRules: number };

const EVENTS_PER_MONTH = 30_000_000;
const PROVISIONED = ["gpt-41-ptu", "gpt-41-ptu-2", "gpt-41-ptu-3"];
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** 60 deployments: the demo's token deployments copied under numbered names, and three provisioned. */
function deploymentsCsv(): { csv: string; chat: { name: string; model: string; region: string }[] } {
  const token = DEMO_DEPLOYMENTS.filter((d) => d.deployment !== "*" && !d.sku.includes("Provisioned"));
  const rows = DEMO_DEPLOYMENTS.map((d) => ({ name: d.deployment, model: d.model, region: d.region, sku: d.sku }));
  for (let copy = 2; rows.length < 58; copy++)
    for (const d of token) if (rows.length < 58) rows.push({ name: `${d.deployment}-${copy}`, model: d.model, region: d.region, sku: d.sku });
  for (const name of PROVISIONED.slice(1)) rows.push({ name, model: "gpt-4.1-2025-04-14", region: "eastus2", sku: "ProvisionedManaged" });
  const chat = rows.filter((r) => r.name !== "*" && !r.sku.includes("Provisioned") && !r.model.startsWith("text-embedding"));
  return { csv: `deployment,model,region,sku\n${rows.map((r) => `${r.name},${r.model},${r.region},${r.sku}`).join("\n")}\n`, chat };
}

/** Builds the store: prices, deployments, reservations, org, split rules, then each month's rollups. */
export async function buildScaleStore(name: string, shape: ScaleShape, log: (line: string) => void): Promise<{ file: string; org: ScaleOrg }> {
  const file = await pricedStore(name);
  const random = seededRandom(25);
  const appCount = Math.max(10, Math.round(5000 * shape.scale));
  const unitCount = Math.max(2, Math.round(50 * shape.scale));
  const ccCount = Math.max(unitCount, Math.round(500 * shape.scale));
  const units = Array.from({ length: unitCount }, (_, i) => `Unit ${pad(i + 1, 2)}`);
  const centers = Array.from({ length: ccCount }, (_, i) => ({ costCenter: `CC-${pad(i + 1, 3)}`, businessUnit: itemAt(units, i % unitCount) }));
  const apps = Array.from({ length: appCount }, (_, i) => `app-${pad(i + 1, 5)}`);
  const months: string[] = [shape.lastMonth];
  while (months.length < shape.months) months.unshift(previousMonth(itemAt(months, 0)));
  const from = `${itemAt(months, 0)}-01`;

  const store = SqliteStore.open(file);
  const { csv, chat } = deploymentsCsv();
  await importDeployments(store, csv, "deployments.csv");
  await store.saveReservations(
    PROVISIONED.map((deployment) => ({
      deployment,
      units: 100,
      price: "1",
      per: "hour",
      currency: "USD",
      idle: "share",
      outputWeight: 4,
      validFrom: from,
      validTo: null,
    })),
  );
  await store.saveApps(apps.map((appId, i) => ({ appId, displayName: `App ${pad(i + 1, 5)}` })));
  // 3 % of apps stay unmapped: the admin's queue.
  await store.saveOrgMappings(
    apps.filter((_, i) => i % 33 !== 32).map((appId, i) => ({ appId, ...itemAt(centers, i % ccCount), validFrom: "2020-01-01", validTo: null })),
  );
  const rules = splitRules(apps, centers, from);
  await store.saveSplitRules(rules);
  await store.close();

  // Each app calls two or three deployments, some also a provisioned one; the busiest carries 20x the median.
  const appDeployments = apps.map((_, i) => {
    const list = [itemAt(chat, i % chat.length), itemAt(chat, (i * 7 + 3) % chat.length)];
    if (i % 3 === 0) list.push(itemAt(chat, (i * 13 + 5) % chat.length));
    if (i % 50 === 0) list.push({ name: itemAt(PROVISIONED, (i / 50) % 3), model: "gpt-4.1-2025-04-14", region: "eastus2" });
    return list;
  });
  const weights = apps.map((_, i) => (i === 0 ? 20 : 0.2 + random() * 1.6));
  const weightSum = weights.reduce((a, b) => a + b, 0);

  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const daily = db.prepare(
    `INSERT INTO DailyUsage (day, appId, deployment, model, region, operation, tokenKinds, requests, promptTokens, cachedTokens, completionTokens,
       reasoningTokens, totalTokens, modelTimeMs, ${TOKEN_DETAILS.join(", ")}) VALUES (${new Array(14 + TOKEN_DETAILS.length).fill("?").join(", ")})`,
  );
  const hourly = db.prepare(
    `INSERT INTO HourlyAppUsage (hour, appId, deployment, requests, promptTokens, cachedTokens, completionTokens, totalTokens, timedRequests, modelTimeMs,
       ${BUCKET_COLUMNS.join(", ")}) VALUES (${new Array(10 + BUCKET_COLUMNS.length).fill("?").join(", ")})`,
  );
  const dimension = db.prepare(
    `INSERT INTO DailyDimensionUsage (day, appId, deployment, model, region, operation, tokenKinds, dimension, value, requests, promptTokens,
       cachedTokens, completionTokens, reasoningTokens, totalTokens, modelTimeMs, ${TOKEN_DETAILS.join(", ")})
     VALUES (${new Array(16 + TOKEN_DETAILS.length).fill("?").join(", ")})`,
  );
  const outcome = db.prepare("INSERT INTO DailyOutcome (day, appId, outcome, requests, usageUnknown) VALUES (?, ?, ?, ?, ?)");
  const details = TOKEN_DETAILS.map(() => 0);
  const buckets = (n: number) => BUCKET_COLUMNS.map((_, b) => (b === 4 ? n - Math.floor(n / 3) : b === 6 ? Math.floor(n / 3) : 0));

  for (const month of months) {
    const { from: first, to } = monthDays(month);
    const days: string[] = [];
    for (let t = Date.parse(`${first}T00:00:00Z`); t < Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (day <= shape.lastDay) days.push(day);
    }
    const perDay = (EVENTS_PER_MONTH * shape.scale) / 30;
    const started = Date.now();
    db.transaction(() => {
      for (const day of days) {
        apps.forEach((appId, a) => {
          const requestsToday = Math.max(1, Math.round((perDay * itemAt(weights, a)) / weightSum));
          let ok = 0;
          const deployments = itemAt(appDeployments, a);
          deployments.forEach((d, k) => {
            const requests = Math.max(1, Math.round(requestsToday / deployments.length));
            ok += requests;
            const prompt = requests * (400 + ((a * 31 + k) % 900));
            const cached = a % 4 === 0 ? Math.floor(prompt / 5) : 0;
            const completion = requests * (120 + ((a * 17 + k) % 300));
            const operation = "chat.completions";
            const kinds = tokenKindsOf({ promptTokens: prompt / requests, cachedTokens: cached / requests, completionTokens: completion / requests });
            const counts = [requests, prompt, cached, completion, 0, prompt + completion, requests * 900];
            daily.run(day, appId, d.name, d.model, d.region, operation, kinds, ...counts, ...details);
            // Hourly rows as ingest writes them today: every hour with calls (here 8 working hours, all 24 on provisioned capacity).
            const hours = d.name.includes("ptu") ? 24 : 8;
            for (let h = 0; h < hours; h++) {
              const share = (n: number) => Math.floor(n / hours) + (h < n % hours ? 1 : 0);
              const r = share(requests);
              if (r === 0) continue;
              const hour = `${day}T${pad(hours === 24 ? h : 9 + h, 2)}`;
              hourly.run(hour, appId, d.name, r, share(prompt), share(cached), share(completion), share(prompt + completion), r, r * 900, ...buckets(r));
            }
            // 30 % of rows tagged by project (two values), 20 % with end users (five each).
            const splitInto = (dim: string, values: string[]) => {
              values.forEach((value, v) => {
                const part = (n: number) => Math.floor(n / values.length) + (v < n % values.length ? 1 : 0);
                if (part(requests) === 0) return;
                dimension.run(day, appId, d.name, d.model, d.region, operation, kinds, dim, value, ...counts.map(part), ...details);
              });
            };
            const seed = (a * 7 + k * 3 + day.charCodeAt(9)) % 10;
            if (seed < 3) splitInto("tag:project", [`p${a % 7}`, `p${(a + 3) % 7}`]);
            if (seed >= 8)
              splitInto(
                "endUser",
                [0, 1, 2, 3, 4].map((u) => `user-${pad((a * 5 + u) % 20000, 5)}@example.com`),
              );
          });
          outcome.run(day, appId, "ok", ok, 0);
          if (a % 30 === 0) outcome.run(day, appId, "throttled", Math.ceil(ok / 50), 0);
        });
      }
    })();
    log(`  ${month}: ${days.length} days written in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  db.close();
  return { file, org: { apps, units, busiestApp: itemAt(apps, 0), deployments: 60, splitRules: rules.length } };
}

/** 20 split rules: 10 apps split 60/40, 6 apps shared by project tag, 2 deployments evenly, 2 monthly overheads. */
function splitRules(apps: string[], centers: { costCenter: string; businessUnit: string }[], validFrom: string): SplitRule[] {
  const cc = (i: number) => centers[i % centers.length];
  const rules: unknown[] = [];
  for (let i = 0; i < 10; i++)
    rules.push({
      id: `fixed-${i}`,
      appId: apps[(i * 97 + 1) % apps.length],
      method: "fixed",
      parts: [
        { ...cc(i), percent: "60" },
        { ...cc(i + 1), percent: "40" },
      ],
      validFrom,
      validTo: null,
    });
  for (let i = 0; i < 6; i++) {
    const a = (i * 131 + 2) % apps.length;
    rules.push({
      id: `by-project-${i}`,
      appId: apps[a],
      method: "share",
      basis: "tag:project",
      parts: [
        { ...cc(i + 2), tagValue: `p${a % 7}` },
        { ...cc(i + 3), tagValue: `p${(a + 3) % 7}` },
      ],
      validFrom,
      validTo: null,
    });
  }
  for (let i = 0; i < 2; i++)
    rules.push({
      id: `shared-deployment-${i}`,
      deployment: `gpt-41-nano-${i + 2}`,
      method: "even",
      parts: [cc(i + 5), cc(i + 6), cc(i + 7)],
      validFrom,
      validTo: null,
    });
  for (let i = 0; i < 2; i++) rules.push({ id: `overhead-${i}`, amount: "1200", method: "even", parts: [cc(i + 8), cc(i + 9)], validFrom, validTo: null });
  return rules.map((r) => SplitRule.parse(r));
}
