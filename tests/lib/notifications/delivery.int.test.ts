import { createHmac } from "node:crypto";
import net from "node:net";
import { AggregationTemporality, InMemoryMetricExporter, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { afterEach, describe, expect, it } from "vitest";
import { importBudgets, OPERATOR } from "../../../lib/budgets/importBudgets";
import type { Channels } from "../../../lib/notifications/channels";
import { deliverDue } from "../../../lib/notifications/deliverDue";
import type { OutgoingNotification } from "../../../lib/notifications/notification";
import { runNotifications } from "../../../lib/notifications/runNotifications";
import { startTelemetry, type Telemetry } from "../../../lib/telemetry/startTelemetry";
import { startHookServer, startMailServer } from "../../support/mailAndHooks";
import { freshStore } from "../../support/store";
import { seedOctoberAndNovember } from "../../support/twoMonths";
import { itemAt } from "../../../lib/core/arrays";

let telemetry: Telemetry | undefined;
afterEach(async () => {
  await telemetry?.shutdown();
  telemetry = undefined;
});

async function metrics() {
  const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
  telemetry = await startTelemetry("chargeback-worker", { metricReaders: [reader], env: {} });
  return async (name: string) => {
    await reader.forceFlush();
    // Cumulative: the latest export holds everything so far.
    const all = (exporter.getMetrics().at(-1)?.scopeMetrics ?? []).flatMap((s) => s.metrics);
    return all.filter((m) => m.descriptor.name === name).flatMap((m) => m.dataPoints.map((p) => ({ attributes: p.attributes, value: p.value })));
  };
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

const note = (over: Partial<OutgoingNotification> = {}): OutgoingNotification => ({
  key: "threshold|business-unit:Retail|2026-11|actual:80|ops@example.com",
  kind: "threshold",
  channel: "email",
  recipient: "ops@example.com",
  subject: "Budget 80 % reached: business-unit:Retail (2026-11)",
  text: "business-unit:Retail has cost USD 0.35 of its USD 0.40 budget.",
  link: "/budgets?month=2026-11",
  facts: { scope: "business-unit:Retail" },
  createdAt: 1_000_000,
  ...over,
});
const channels = (over: Partial<Channels> = {}): Channels => ({
  mailFrom: "chargeback@example.com",
  webhooks: [],
  publicUrl: "https://cb.example.com",
  ...over,
});

describe("delivering the outbox", () => {
  it("delays a mail while the SMTP server is down, never losing it, and sends it once when it is back", async () => {
    const read = await metrics();
    const { store } = freshStore();
    const port = await freePort();
    await store.enqueueNotifications([note()]);
    const smtp = channels({ smtpUrl: `smtp://127.0.0.1:${port}` });
    const at = 1_000_000;
    expect(await deliverDue(store, smtp, at, () => 0.5)).toEqual({ sent: 0, failed: 1 });
    const pending = itemAt(await store.listNotifications(1), 0);
    expect([pending.status, pending.attempts]).toEqual(["pending", 1]);
    expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);
    // Half a minute of back-off with this jitter (22.5 s): not due before, due after.
    expect(pending.dueAt).toBe(at + 22_500);
    const mail = await startMailServer(port);
    expect(await deliverDue(store, smtp, at + 22_499)).toEqual({ sent: 0, failed: 0 });
    expect(await deliverDue(store, smtp, at + 22_500)).toEqual({ sent: 1, failed: 0 });
    expect(await deliverDue(store, smtp, at + 3_600_000)).toEqual({ sent: 0, failed: 0 });
    expect(mail.mails.map((m) => [m.to, m.subject])).toEqual([[["ops@example.com"], "Budget 80 % reached: business-unit:Retail (2026-11)"]]);
    expect(itemAt(mail.mails, 0).text).toContain("https://cb.example.com/budgets?month=2026-11");
    expect(await read("chargeback.notifications")).toEqual([
      { attributes: { channel: "email", kind: "threshold", outcome: "failed" }, value: 1 },
      { attributes: { channel: "email", kind: "threshold", outcome: "sent" }, value: 1 },
    ]);
    expect(itemAt(await read("chargeback.notifications.delivery.lag"), 0).value).toMatchObject({ count: 1 });
  });

  it("posts Slack and signed generic JSON, asking a failing webhook again", async () => {
    let calls = 0;
    const hooks = await startHookServer(() => (++calls === 1 ? 503 : 200));
    const { store } = freshStore();
    const secret = "a-shared-secret-of-some-length";
    const webhooks = [
      { name: "slack", format: "slack" as const, url: `${hooks.url}/slack` },
      { name: "siem", format: "json" as const, url: `${hooks.url}/json` },
    ];
    await store.enqueueNotifications([
      note({ key: "k-slack", channel: "webhook", recipient: "webhook:slack" }),
      note({ key: "k-json", channel: "webhook", recipient: "webhook:siem" }),
    ]);
    expect(await deliverDue(store, channels({ webhooks, webhookSecret: secret }), 2_000_000)).toEqual({ sent: 2, failed: 0 });
    // The first attempt got a 503 and was asked again at once.
    expect(hooks.posts.map((p) => p.path)).toEqual(["/json", "/json", "/slack"]);
    const json = itemAt(hooks.posts, 1);
    const timestamp = json.headers["x-chargeback-timestamp"] as string;
    const expected = createHmac("sha256", secret).update(`${timestamp}.${json.body}`).digest("hex");
    expect(json.headers["x-chargeback-signature"]).toBe(`sha256=${expected}`);
    expect(JSON.parse(json.body)).toMatchObject({ id: "k-json", kind: "threshold", url: "https://cb.example.com/budgets?month=2026-11" });
    const slack = JSON.parse(itemAt(hooks.posts, 2).body);
    expect(slack.text).toBe("Budget 80 % reached: business-unit:Retail (2026-11): business-unit:Retail has cost USD 0.35 of its USD 0.40 budget.");
    expect(slack.blocks[2].elements[0].url).toBe("https://cb.example.com/budgets?month=2026-11");
  });

  it("keeps a message to an unknown webhook, or unsigned JSON, pending and says why", async () => {
    const { store } = freshStore();
    await store.enqueueNotifications([note({ key: "k", channel: "webhook", recipient: "webhook:gone" })]);
    expect(await deliverDue(store, channels(), 3_000_000)).toEqual({ sent: 0, failed: 1 });
    const n = itemAt(await store.listNotifications(1), 0);
    expect([n.status, n.lastError, n.dueAt]).toEqual(["pending", "no webhook gone configured (CHARGEBACK_WEBHOOKS)", 3_000_000 + 3_600_000]);
  });

  it("counts each budget check and each threshold newly crossed, once", async () => {
    const read = await metrics();
    const { store } = freshStore();
    await seedOctoberAndNovember(store);
    const csv = "scope,amount,validFrom,thresholds,notify\nbusiness-unit:Retail,0.40,2026-11-01,50;80;100,webhook:siem\n";
    await importBudgets(store, csv, "b.csv", "USD", OPERATOR, { actor: "t", action: "budgets.import", reason: "t" });
    const hooks = await startHookServer();
    const ch = channels({ webhooks: [{ name: "siem", format: "json", url: hooks.url }], webhookSecret: "a-shared-secret-of-some-length" });
    const nov20 = Date.parse("2026-11-20T12:00:00Z");
    expect(await runNotifications(store, ch, nov20)).toEqual({ queued: 2, sent: 2, failed: 0 });
    expect(await runNotifications(store, ch, nov20)).toEqual({ queued: 0, sent: 0, failed: 0 });
    expect(await read("chargeback.budgets.checks")).toEqual([{ attributes: { outcome: "ok" }, value: 2 }]);
    expect(await read("chargeback.budgets.thresholds.crossed")).toEqual([{ attributes: { basis: "actual" }, value: 2 }]);
    expect(hooks.posts).toHaveLength(2);
  });
});
