import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { PERSONAS, signInAs, UNIT_B } from "./personas";

test("removing an owner asks first, and Undo restores them; both are audited", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/owners");
  const rows = page.getByTestId("owner-row").filter({ hasText: UNIT_B });
  const count = await rows.count();
  const row = rows.first();
  const name = (await row.getByRole("rowheader").textContent())!;
  await row.getByRole("button", { name: `Remove ${name} from ${UNIT_B}` }).click();
  await expect(row).toContainText(`Remove ${name} from ${UNIT_B}? They lose access at once.`);
  await row.getByRole("button", { name: "Cancel" }).click();
  await expect(rows).toHaveCount(count);
  await row.getByRole("button", { name: `Remove ${name} from ${UNIT_B}` }).click();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await row.getByRole("button", { name: `Yes, remove ${name}` }).click();
  await expect(page.getByRole("status")).toContainText(`Removed ${name} as an owner of ${UNIT_B}.`);
  await expect(rows).toHaveCount(count - 1);

  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByRole("status")).toContainText(`Restored ${name} as an owner of ${UNIT_B}.`);
  await expect(rows).toHaveCount(count);
  await page.goto("/admin/audit");
  await expect(page.getByTestId("audit-row").nth(0)).toContainText("owners.restore");
  await expect(page.getByTestId("audit-row").nth(1)).toContainText("owners.remove");
});

test("a new owner refused keeps what was typed and says why in a sentence", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/owners");
  await page.getByLabel("Business unit").selectOption(UNIT_B);
  await page.getByLabel("Entra object id").fill("not-a-guid");
  await page.getByLabel("Display name").fill("Dana Typo");
  await page.getByRole("button", { name: "Add owner" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not added" })).toContainText("The Entra object id must be an Entra object id (a GUID).");
  await expect(page.getByLabel("Entra object id")).toHaveValue("not-a-guid");
  await expect(page.getByLabel("Display name")).toHaveValue("Dana Typo");
});
