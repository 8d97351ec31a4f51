import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { formatMoney } from "../../lib/reports/formatMoney";
import { currentMonth, ENTRA_STAND_IN, entraUsers, PERSONAS, signInAs, UNIT_A, UNIT_B } from "./personas";
import { leading } from "../support/arrays";
import { itemAt } from "../../lib/core/arrays";

test("an anonymous visitor is sent to sign in, comes back where they were going, and signs out", async ({ page }) => {
  const unitPage = `/business-units/${encodeURIComponent(UNIT_A)}?month=${currentMonth()}`;
  await page.goto(unitPage);
  await expect(page).toHaveURL(/\/signin\?next=/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await page.screenshot({ path: "test-results/screenshots/sign-in.png", fullPage: true });

  await page.getByRole("button", { name: new RegExp(`^${PERSONAS.ownerA}`) }).click();
  await expect(page).toHaveURL(unitPage);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${UNIT_A}: ${currentMonth()}`);

  const [session] = leading(await page.context().cookies(), 1);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("status")).toHaveText("You are signed out.");
  expect((await page.request.get("/api/me")).status()).toBe(401);
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin\?next=/);
  // Issue 24 item 2: the cookie kept from before signing out used to answer until it expired.
  await page.context().addCookies([session]);
  expect((await page.request.get("/api/me")).status()).toBe(401);
  expect((await page.goto(unitPage))?.url()).toMatch(/\/signin\?next=/);
});

test("a unit owner sees only their unit, drills into it, and is refused another unit's page", async ({ page }) => {
  // They land on their unit's page; their units together are one address away.
  await signInAs(page, PERSONAS.ownerA, "/?view=all");
  const report = (await (await page.request.get(`/api/v1/reports/chargeback?month=${currentMonth()}`)).json()) as ChargebackReport;
  const rows = page.getByTestId("bu-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("rowheader")).toHaveText(UNIT_A);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(report.total));
  await expect(page.getByTestId("unmapped")).toHaveCount(0);

  await rows.first().getByRole("link", { name: UNIT_A }).click();
  await expect(page.getByTestId("total")).toHaveText(formatMoney(report.total));
  await expect(page.getByTestId("app-row").first()).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/business-unit.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // The apps table sorts by name with a link (and back by cost); the order is in the address.
  const appsTable = page.getByRole("table", { name: /^Cost by app/ });
  await appsTable.getByRole("link", { name: "App", exact: true }).click();
  await expect(page).toHaveURL(/appSort=name/);
  const names = await page.getByTestId("app-row").getByRole("rowheader").allTextContents();
  expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  await appsTable.getByRole("link", { name: /^Cost/ }).click();
  await expect(page).not.toHaveURL(/appSort/);

  // From the unit to its most expensive app, then to that app's models: the same cents everywhere.
  const byApp = (await (await page.request.get(`/api/v1/reports/chargeback?month=${currentMonth()}&by=app`)).json()) as ChargebackReport;
  const top = itemAt(byApp.rows, 0);
  await page.getByTestId("app-row").first().getByRole("link", { name: top.name }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${top.name}: ${currentMonth()}`);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(top.cost));
  const modelCosts = await page.getByTestId("app-model-cost").allTextContents();
  const cents = modelCosts.reduce((sum, text) => sum + BigInt(text.replace(/[$,.]/g, "")), 0n);
  expect(cents).toBe(BigInt(top.cost.replace(".", "")));
  await page.screenshot({ path: "test-results/screenshots/app.png", fullPage: true });
  const appAxe = await new AxeBuilder({ page }).analyze();
  expect(appAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // And from the app to one of its models: the unit's whole use of that model, nobody else's.
  const model = (await page.getByTestId("app-model-row").first().getByRole("link").textContent())!;
  await page.getByTestId("app-model-row").first().getByRole("link").click();
  const byModel = (await (await page.request.get(`/api/v1/reports/chargeback?month=${currentMonth()}&by=model`)).json()) as ChargebackReport;
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${model}: ${currentMonth()}`);
  await expect(page.getByTestId("total")).toHaveText(formatMoney(byModel.rows.find((r) => r.key === model)!.cost));
  await expect(page.getByTestId("model-unit-row")).toHaveCount(1);
  await page.screenshot({ path: "test-results/screenshots/model.png", fullPage: true });

  const forbidden = await page.goto(`/business-units/${encodeURIComponent(UNIT_B)}`);
  expect(forbidden?.status()).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not yours to see");
  await expect(page.getByText(UNIT_B)).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/forbidden.png", fullPage: true });
});

test("only an admin's session can add an owner: the same form submitted with a unit owner's session changes nothing", async ({ browser }) => {
  const admin = await browser.newContext();
  const owner = await browser.newContext();
  const adminPage = await admin.newPage();
  await signInAs(adminPage, PERSONAS.admin, "/admin/owners");
  await signInAs(await owner.newPage(), PERSONAS.ownerA);
  const [adminCookie] = leading(await admin.cookies(), 1);
  const [ownerCookie] = leading(await owner.cookies(), 1);

  const fill = async (name: string, id: string) => {
    await adminPage.getByLabel("Business unit").selectOption(UNIT_B);
    await adminPage.getByLabel("Entra object id").fill(id);
    await adminPage.getByLabel("Display name").fill(name);
  };
  // The owner's session cookie in a browser that holds the admin's form: the action must check who calls.
  await fill("Mallory Forged", "6d6d6d6d-0000-4000-8000-000000000001");
  await admin.clearCookies();
  await admin.addCookies([ownerCookie]);
  await adminPage.getByRole("button", { name: "Add owner" }).click();
  await expect(adminPage.getByRole("heading", { level: 1 })).toHaveText("Not yours to see");

  await admin.clearCookies();
  await admin.addCookies([adminCookie]);
  await adminPage.goto("/admin/owners");
  await expect(adminPage.getByTestId("owner-row").filter({ hasText: "Mallory Forged" })).toHaveCount(0);

  // The admin's own submission of the same form works, and the removal puts things back.
  await fill("Olga Added", "6d6d6d6d-0000-4000-8000-000000000002");
  await adminPage.getByRole("button", { name: "Add owner" }).click();
  await expect(adminPage.getByRole("status")).toHaveText(`Olga Added now owns ${UNIT_B}.`);
  await adminPage.screenshot({ path: "test-results/screenshots/admin-owners.png", fullPage: true });
  await adminPage.getByRole("button", { name: `Remove Olga Added from ${UNIT_B}` }).click();
  await adminPage.getByRole("button", { name: "Yes, remove Olga Added" }).click();
  await expect(adminPage.getByTestId("owner-row").filter({ hasText: "Olga Added" })).toHaveCount(0);
  await admin.close();
  await owner.close();
});

test("a form posted from another site is refused even with an admin's session (CSRF)", async ({ page }) => {
  await signInAs(page, PERSONAS.admin, "/admin/owners");
  // The form calls its server action from the page; its genuine request is the one to forge.
  await page.getByLabel("Business unit").selectOption(UNIT_B);
  await page.getByLabel("Entra object id").fill("6d6d6d6d-0000-4000-8000-000000000003");
  await page.getByLabel("Display name").fill("Same Site");
  const [genuine] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"])),
    page.getByRole("button", { name: "Add owner" }).click(),
  ]);
  await expect(page.getByRole("status")).toHaveText(`Same Site now owns ${UNIT_B}.`);
  const body = (genuine.postData() ?? "").replace("Same Site", "Cross Site").replace("000000000003", "000000000004");
  const post = (headers: Record<string, string>) =>
    page.request.post("/admin/owners", {
      headers: { "next-action": genuine.headers()["next-action"]!, "content-type": genuine.headers()["content-type"] ?? "text/plain", ...headers },
      data: body,
      maxRedirects: 0,
    });
  const site = new URL(page.url());
  // Issue 24 item 6: these were a 500, and the last three were accepted.
  for (const headers of <Record<string, string>[]>[
    { origin: "https://evil.example" },
    { origin: "https://evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    { origin: `https://${site.host}` },
    { origin: "" },
  ]) {
    const forged = await post(headers);
    expect(forged.status(), JSON.stringify(headers)).toBe(403);
    expect((await forged.json()).error).toMatch(/^refused: .*use this site's own pages$/);
  }
  await page.goto("/admin/owners");
  await expect(page.getByTestId("owner-row").filter({ hasText: "Cross Site" })).toHaveCount(0);
  await expect(page.getByTestId("owner-row").filter({ hasText: "Same Site" })).toHaveCount(1);
  await page.getByRole("button", { name: `Remove Same Site from ${UNIT_B}` }).click();
  await page.getByRole("button", { name: "Yes, remove Same Site" }).click();
  await expect(page.getByTestId("owner-row").filter({ hasText: "Same Site" })).toHaveCount(0);
});

test.describe("sign-in with Entra ID (against a local stand-in of the tenant)", () => {
  const signInWithMicrosoft = async (page: import("@playwright/test").Page, account: string) => {
    await page.goto("/signin");
    await page.getByRole("link", { name: "Sign in with Microsoft" }).click();
    await expect(page.getByRole("heading", { name: "Pick an account" })).toBeVisible();
    await page.getByRole("link", { name: account }).click();
  };

  test("the Chargeback.Finance app role sees every business unit", async ({ page }) => {
    const fiona = entraUsers().find((u) => u.roles.includes("Chargeback.Finance"))!;
    await signInWithMicrosoft(page, fiona.name);
    await expect(page.getByTestId("signed-in-as")).toHaveText(`${fiona.name} (finance)`);
    await expect(page.getByTestId("bu-row")).toHaveCount(6);
    const me = await (await page.request.get("/api/me")).json();
    expect(me).toMatchObject({ id: fiona.oid, method: "entra", roles: ["finance"], businessUnits: "all" });
    // An hour, so a role removed in Entra ID stops counting within one.
    const session = (await page.context().cookies()).find((c) => c.name === "chargeback_session")!;
    expect(session.httpOnly).toBe(true);
    expect(session.sameSite).toBe("Lax");
    expect(Math.abs(session.expires - (Date.now() / 1000 + 3600))).toBeLessThan(120);
  });

  test("a member of a group that owns a unit sees that unit only", async ({ page }) => {
    const gus = entraUsers().find((u) => u.name === "Gus Lead")!;
    await signInWithMicrosoft(page, gus.name);
    await expect(page.getByTestId("signed-in-as")).toHaveText(`${gus.name} (owner of Engineering)`);
    // They land on the one unit they own.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Engineering: ${currentMonth()}`);
    expect((await page.request.get(`/api/v1/reports/chargeback?month=${currentMonth()}&businessUnit=${encodeURIComponent(UNIT_A)}`)).status()).toBe(403);
  });

  test("someone with no role and no unit is told how to get access; signing out ends the Entra ID session too", async ({ page }) => {
    await signInWithMicrosoft(page, "Nora Newcomer");
    await expect(page.getByText("You own no business unit yet")).toBeVisible();
    await expect(page.getByTestId("total")).toHaveText("$0.00");
    const signOuts = async () => ((await (await page.request.get(`${ENTRA_STAND_IN}/stand-in/sign-outs`)).json()) as { signedOut: number }).signedOut;
    const before = await signOuts();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("status")).toHaveText("You are signed out.");
    expect(await signOuts()).toBe(before + 1);
    expect((await page.request.get("/api/me")).status()).toBe(401);
  });
});
