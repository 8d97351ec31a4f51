import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { cli, cliExiting, PERSONAS, root, signInAs } from "./personas";

test("an admin sees the last recorded security check beside the pipeline's health", async ({ page }) => {
  // A copy of the shipped template whose Event Hubs namespace is public on "Selected networks" with no rule.
  type Resource = { type: string; properties: Record<string, unknown>; resources?: Resource[] };
  const template = JSON.parse(fs.readFileSync(path.join(root, "deploy", "azure", "chargeback.json"), "utf8")) as { resources: Resource[] };
  const namespace = template.resources.find((r) => r.type === "Microsoft.EventHub/namespaces")!;
  namespace.properties.publicNetworkAccess = "Enabled";
  namespace.resources!.find((r) => r.type === "networkRuleSets")!.properties.publicNetworkAccess = "Enabled";
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "doctor-")), "open.json");
  fs.writeFileSync(file, JSON.stringify(template));
  // Exit code 3: a check failed.
  cliExiting(3, "doctor", "--template", file, "--record");

  await signInAs(page, PERSONAS.admin, "/admin/health");
  await page.getByRole("link", { name: "Health" }).click();
  await expect(page.getByRole("heading", { name: "Pipeline health" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Security check of the Azure resources: .*open\.json.*6 resources, 1 failed/ })).toBeVisible();
  await expect(page.getByTestId("doctor-finding")).toHaveCount(1);
  await expect(page.getByTestId("doctor-finding")).toContainText("eventhubs.selected-networks-without-rules");
  // The failed rule makes the check a Problem, said in words.
  await expect(page.getByTestId("health-doctor")).toContainText(/Problem\s*1 failed/);
  await expect(page.getByTestId("health-events")).toContainText(/OK\s*last event received/);
  await expect(page.getByTestId("source-row").first()).toContainText(/last event/);
  await page.screenshot({ path: "test-results/screenshots/admin-health.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});

test("an admin replays and discards quarantined events from the status page, and discards are audited", async ({ page }) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "quarantine-")), "broken-lines.ndjson");
  fs.writeFileSync(file, "{not json, first\n{not json, second\n");
  cli("ingest", file);

  await signInAs(page, PERSONAS.admin, "/admin/health");
  await expect(page.getByTestId("health-quarantine")).toContainText(/Warning\s*\d+ events waiting for a replay or a discard/);
  const mine = page.getByTestId("quarantine-row").filter({ hasText: "broken-lines.ndjson" });
  await expect(mine).toHaveCount(2);
  await expect(mine.first()).toContainText("not valid JSON");

  // Replayed as it is, a broken line still fails: it stays, with its reason.
  await mine
    .first()
    .getByRole("button", { name: /^Replay/ })
    .click();
  await expect(page.getByRole("status")).toContainText("still fails: it stays in quarantine");
  await expect(mine).toHaveCount(2);

  for (const left of [1, 0]) {
    await mine.first().getByText("Discard…").click();
    await mine
      .first()
      .getByRole("button", { name: /^Discard for good/ })
      .click();
    await expect(page.getByRole("status")).toContainText("discarded: it will not be counted");
    await expect(mine).toHaveCount(left);
  }
  const discarded = JSON.parse(cli("quarantine", "list", "--status", "discarded", "--format", "json")) as { source: string }[];
  expect(discarded.filter((q) => q.source.includes("broken-lines.ndjson"))).toHaveLength(2);
  await page.goto("/admin/audit?q=quarantine");
  await expect(page.locator("main")).toContainText("quarantine.discard");
  await expect(page.locator("main")).toContainText("Platform admin");
});

test("report pages say when today's figures are partial; admin pages leave it to the status page", async ({ page }) => {
  // The demo data has broken lines, quarantined today.
  await signInAs(page, PERSONAS.finance, "/budgets");
  await expect(page.getByRole("region", { name: "Data freshness" })).toContainText(/Today's figures are partial: \d+ events received today wait in quarantine/);
  await page.goto("/admin/audit");
  await expect(page.getByRole("region", { name: "Data freshness" })).toHaveCount(0);
});
