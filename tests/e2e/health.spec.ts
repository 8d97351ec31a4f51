import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { cliExiting, PERSONAS, root, signInAs } from "./personas";

test("an admin sees the last recorded security check beside the pipeline's health", async ({ page }) => {
  // A copy of the shipped template whose Event Hubs namespace is public on "Selected networks" with no rule.
  const template = JSON.parse(fs.readFileSync(path.join(root, "deploy", "azure", "chargeback.json"), "utf8")) as { resources: { type: string; properties: Record<string, unknown> }[] };
  template.resources.find((r) => r.type === "Microsoft.EventHub/namespaces")!.properties.publicNetworkAccess = "Enabled";
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
  await expect(page.getByTestId("health-quarantine")).toContainText(/\d+ \(see and replay/);
  await page.screenshot({ path: "test-results/screenshots/admin-health.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
});
