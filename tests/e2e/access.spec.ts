import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIResponse, type Browser, type BrowserContext } from "@playwright/test";
import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { formatMoney } from "../../lib/reports/formatMoney";
import { parseCents } from "../../lib/core/money";
import { currentMonth, PERSONAS, root, roundingBound, signInAs, UNIT_A, UNIT_B, UNIT_M } from "./personas";
import { itemAt } from "../../lib/core/arrays";

type Who = "anonymous" | "finance" | "admin" | "ownerA" | "ownerB" | "ownerAM";
const WHO: Who[] = ["anonymous", "finance", "admin", "ownerA", "ownerB", "ownerAM"];
const M = currentMonth();
const enc = encodeURIComponent;
const same = (status: number): Record<Who, number> => ({ anonymous: status, finance: status, admin: status, ownerA: status, ownerB: status, ownerAM: status });
/** The owner of Stores and Marketing (ownerAM) gets what Stores' owner gets, unless a row says otherwise. */
type Statuses = Omit<Record<Who, number>, "anonymous" | "ownerAM"> & { ownerAM?: number };
const page = (statuses: Statuses) => ({ anonymous: 307, ownerAM: statuses.ownerA, ...statuses });
const api = (statuses: Statuses) => ({ anonymous: 401, ownerAM: statuses.ownerA, ...statuses });
const everyone = { finance: 200, admin: 200, ownerA: 200, ownerB: 200 };

/** Every page and route handler, with what each persona gets. Anonymous pages redirect to sign-in. */
const TABLE: { route: string; path: string; method?: "POST"; expect: Record<Who, number> }[] = [
  // A unit owner lands on their unit's page (a redirect), an owner of several on a chooser.
  { route: "/", path: `/?month=${M}`, expect: page({ finance: 200, admin: 200, ownerA: 307, ownerB: 307, ownerAM: 200 }) },
  { route: "/", path: `/?view=all&month=${M}`, expect: page(everyone) },
  { route: "/days/[day]", path: `/days/${M}-01?unit=${enc(UNIT_A)}`, expect: page({ finance: 200, admin: 200, ownerA: 200, ownerB: 403 }) },
  { route: "/signin", path: "/signin", expect: same(200) },
  { route: "/business-units/[id]", path: `/business-units/${enc(UNIT_A)}?month=${M}`, expect: page({ finance: 200, admin: 200, ownerA: 200, ownerB: 403 }) },
  { route: "/business-units/[id]", path: `/business-units/${enc(UNIT_B)}?month=${M}`, expect: page({ finance: 200, admin: 200, ownerA: 403, ownerB: 200 }) },
  {
    route: "/business-units/[id]",
    path: `/business-units/${enc(UNIT_M)}?month=${M}`,
    expect: page({ finance: 200, admin: 200, ownerA: 403, ownerB: 403, ownerAM: 200 }),
  },
  { route: "/business-units/[id]", path: "/business-units/Nowhere", expect: page({ finance: 404, admin: 404, ownerA: 403, ownerB: 403 }) },
  {
    route: "/business-units/[id]/statement",
    path: `/business-units/${enc(UNIT_A)}/statement?month=${M}`,
    expect: page({ finance: 200, admin: 200, ownerA: 200, ownerB: 403 }),
  },
  { route: "/apps/[appId]", path: `/apps/APP_A?month=${M}`, expect: page({ finance: 200, admin: 200, ownerA: 200, ownerB: 404 }) },
  { route: "/apps/[appId]", path: `/apps/APP_B?month=${M}`, expect: page({ finance: 200, admin: 200, ownerA: 404, ownerB: 200 }) },
  { route: "/apps/[appId]", path: "/apps/no-such-app", expect: page({ finance: 404, admin: 404, ownerA: 404, ownerB: 404 }) },
  { route: "/models/[model]", path: `/models/gpt-4o-2024-08-06?month=${M}`, expect: page(everyone) },
  { route: "/admin/mappings", path: "/admin/mappings", expect: page({ finance: 403, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/unmapped", path: `/unmapped?month=${M}`, expect: page({ finance: 200, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/admin/audit", path: "/admin/audit", expect: page({ finance: 200, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/admin/health", path: "/admin/health", expect: page({ finance: 403, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/api/v1/mappings", path: "/api/v1/mappings?format=csv", expect: api({ finance: 200, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/admin/deployments", path: "/admin/deployments", expect: page({ finance: 200, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/admin/prices", path: "/admin/prices?q=gpt-4o", expect: page({ finance: 200, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/reconciliation", path: `/reconciliation?month=${M}`, expect: page({ finance: 200, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/admin/owners", path: "/admin/owners", expect: page({ finance: 403, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/admin/splits", path: "/admin/splits", expect: page({ finance: 403, admin: 200, ownerA: 403, ownerB: 403 }) },
  { route: "/budgets", path: `/budgets?month=${M}`, expect: page(everyone) },
  { route: "/anomalies", path: `/anomalies?month=${M}`, expect: page(everyone) },
  { route: "/api/v1/budgets", path: `/api/v1/budgets?month=${M}`, expect: api(everyone) },
  { route: "/api/me", path: "/api/me", expect: api(everyone) },
  { route: "/api/v1/reports/chargeback", path: `/api/v1/reports/chargeback?month=${M}`, expect: api(everyone) },
  { route: "/api/v1/reports/chargeback", path: `/api/v1/reports/chargeback?month=${M}&by=app&format=csv`, expect: api(everyone) },
  {
    route: "/api/v1/reports/chargeback",
    path: `/api/v1/reports/chargeback?month=${M}&by=cost-center&businessUnit=${enc(UNIT_B)}`,
    expect: api({ finance: 200, admin: 200, ownerA: 403, ownerB: 200 }),
  },
  {
    route: "/api/v1/reports/chargeback",
    path: `/api/v1/reports/chargeback?month=${M}&by=model&format=csv&businessUnit=${enc(UNIT_A)}`,
    expect: api({ finance: 200, admin: 200, ownerA: 200, ownerB: 403 }),
  },
  {
    route: "/api/v1/reports/chargeback",
    path: `/api/v1/reports/chargeback?month=${M}&by=tag:project&businessUnit=${enc(UNIT_B)}`,
    expect: api({ finance: 200, admin: 200, ownerA: 403, ownerB: 200 }),
  },
  { route: "/api/v1/reports/chargeback", path: `/api/v1/reports/chargeback?month=${M}&by=end-user&format=csv`, expect: api(everyone) },
  {
    route: "/api/v1/reports/chargeback",
    path: `/api/v1/reports/chargeback?month=${M}&by=tag:`,
    expect: api({ finance: 400, admin: 400, ownerA: 400, ownerB: 400 }),
  },
  {
    route: "/api/v1/statements",
    path: `/api/v1/statements?month=${M}&businessUnit=${enc(UNIT_B)}`,
    expect: api({ finance: 409, admin: 409, ownerA: 403, ownerB: 409 }),
  },
  { route: "/api/v1/statements", path: `/api/v1/statements?month=${M}`, expect: api({ finance: 400, admin: 400, ownerA: 400, ownerB: 400 }) },
  {
    route: "/api/v1/statements",
    path: `/api/v1/statements?month=${M}&businessUnit=${enc(UNIT_A)}&format=pdf`,
    expect: api({ finance: 409, admin: 409, ownerA: 409, ownerB: 403 }),
  },
  // Every unit's statements at once: finance's to send, no one unit's owner's (nor admins').
  { route: "/api/v1/statements/pack", path: `/api/v1/statements/pack?month=${M}`, expect: api({ finance: 409, admin: 403, ownerA: 403, ownerB: 403 }) },
  { route: "/corrections", path: `/corrections?month=${M}`, expect: page(everyone) },
  { route: "/close", path: `/close?month=${M}`, expect: page({ finance: 200, admin: 403, ownerA: 403, ownerB: 403 }) },
  { route: "/api/v1/months/[month]/checklist", path: `/api/v1/months/${M}/checklist`, expect: api({ finance: 200, admin: 403, ownerA: 403, ownerB: 403 }) },
  // The table's POST says not where it comes from: refused before any route runs (CSRF). monthClose.spec.ts closes through it.
  { route: "/api/v1/months/[month]/close", path: `/api/v1/months/${M}/close`, method: "POST", expect: same(403) },
  { route: "/api/v1/exports/chargeback", path: `/api/v1/exports/chargeback?from=2026-01&to=${M}&by=cost-center`, expect: api(everyone) },
  {
    route: "/api/v1/exports/chargeback",
    path: `/api/v1/exports/chargeback?from=${M}&businessUnit=${enc(UNIT_B)}`,
    expect: api({ finance: 200, admin: 200, ownerA: 403, ownerB: 200 }),
  },
  {
    route: "/api/v1/exports/chargeback",
    path: `/api/v1/exports/chargeback?from=${M}&to=2020-01`,
    expect: api({ finance: 400, admin: 400, ownerA: 400, ownerB: 400 }),
  },
  { route: "/api/v1/exports/focus", path: `/api/v1/exports/focus?from=${M}`, expect: api(everyone) },
  { route: "/api/v1/exports/focus/metadata", path: "/api/v1/exports/focus/metadata", expect: api(everyone) },
  {
    route: "/api/v1/exports/focus",
    path: `/api/v1/exports/focus?from=${M}&businessUnit=${enc(UNIT_A)}`,
    expect: api({ finance: 200, admin: 200, ownerA: 200, ownerB: 403 }),
  },
  { route: "/api/v1/reports/apps/[appId]", path: `/api/v1/reports/apps/APP_A?month=${M}`, expect: api({ finance: 200, admin: 200, ownerA: 200, ownerB: 404 }) },
  { route: "/api/v1/reports/apps/[appId]", path: `/api/v1/reports/apps/APP_B?month=bad`, expect: api({ finance: 400, admin: 400, ownerA: 400, ownerB: 400 }) },
  { route: "/api/v1/reports/daily", path: `/api/v1/reports/daily?month=${M}`, expect: api(everyone) },
  {
    route: "/api/v1/reports/costs",
    path: `/api/v1/reports/costs?month=${M}&unit=${enc(UNIT_B)}&by=app`,
    expect: api({ finance: 200, admin: 200, ownerA: 403, ownerB: 200 }),
  },
  { route: "/api/v1/reports/change", path: `/api/v1/reports/change?month=${M}`, expect: api(everyone) },
  {
    route: "/api/v1/reports/change",
    path: `/api/v1/reports/change?month=${M}&businessUnit=${enc(UNIT_B)}`,
    expect: api({ finance: 200, admin: 200, ownerA: 403, ownerB: 200 }),
  },
  {
    route: "/api/v1/reports/daily",
    path: `/api/v1/reports/daily?month=${M}&businessUnit=${enc(UNIT_A)}`,
    expect: api({ finance: 200, admin: 200, ownerA: 200, ownerB: 403 }),
  },
  {
    route: "/api/v1/reports/daily",
    path: `/api/v1/reports/daily?month=${M}&businessUnit=${enc(UNIT_B)}`,
    expect: api({ finance: 200, admin: 200, ownerA: 403, ownerB: 200 }),
  },
  {
    route: "/api/v1/reports/chargeback",
    path: "/api/v1/reports/chargeback?month=2026-13",
    expect: api({ finance: 400, admin: 400, ownerA: 400, ownerB: 400 }),
  },
  // Sign-in round trips: everyone is sent on (to Entra ID, or back to /signin with an error).
  { route: "/api/auth/entra/login", path: "/api/auth/entra/login?next=/", expect: same(307) },
  { route: "/api/auth/entra/callback", path: "/api/auth/entra/callback?code=forged&state=forged", expect: same(307) },
  // The intake takes ingest keys only: no user's session opens it, finance's and admins' included.
  { route: "/api/v1/events", path: "/api/v1/events", method: "POST", expect: same(401) },
  // The gateway's budget state likewise: ingest credentials only.
  { route: "/api/v1/budgets/state", path: "/api/v1/budgets/state?appId=any", expect: same(401) },
  // The container platform's probes: no session, and nothing in them but whether the app can serve.
  { route: "/api/health/live", path: "/api/health/live", expect: same(200) },
  { route: "/api/health/ready", path: "/api/health/ready", expect: same(200) },
];

/** The routes the app defines: every page.tsx and route.ts under app/, as URL patterns. */
function definedRoutes(dir = path.join(root, "app"), prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return entry.name.startsWith("_") ? [] : definedRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`);
    return /^(page|route)\.tsx?$/.test(entry.name) ? [prefix || "/"] : [];
  });
}

async function sessions(browser: Browser): Promise<Record<Who, BrowserContext>> {
  const contexts = {} as Record<Who, BrowserContext>;
  for (const who of WHO) {
    contexts[who] = await browser.newContext();
    if (who !== "anonymous") await signInAs(await contexts[who].newPage(), PERSONAS[who]);
  }
  return contexts;
}

test("the table covers every page and route handler the app defines", () => {
  expect([...new Set(definedRoutes())].sort()).toEqual([...new Set(TABLE.map((r) => r.route))].sort());
});

test("every route gives each persona the status the table says, and a unit owner never another unit's numbers", async ({ browser }) => {
  // Every page and route, six times over: a minute is not enough on a loaded two-core machine.
  test.setTimeout(210_000);
  const contexts = await sessions(browser);
  const bodies: Record<Who, { path: string; body: string }[]> = { anonymous: [], finance: [], admin: [], ownerA: [], ownerB: [], ownerAM: [] };
  const failures: string[] = [];
  // An app of each unit, found through finance's view, stands in for APP_A and APP_B.
  const appOf = async (unit: string) =>
    itemAt(
      ((await (await contexts.finance.request.get(`/api/v1/reports/chargeback?month=${M}&by=app&businessUnit=${enc(unit)}`)).json()) as ChargebackReport).rows,
      0,
    ).key;
  const apps = { APP_A: await appOf(UNIT_A), APP_B: await appOf(UNIT_B) };
  for (const row of TABLE.map((r) => ({ ...r, path: r.path.replace(/APP_[AB]/, (k) => apps[k as keyof typeof apps]) }))) {
    for (const who of WHO) {
      const request = contexts[who].request;
      const response: APIResponse =
        row.method === "POST" ? await request.post(row.path, { data: [], maxRedirects: 0 }) : await request.get(row.path, { maxRedirects: 0 });
      if (response.status() !== row.expect[who]) failures.push(`${who} ${row.path}: ${response.status()}, expected ${row.expect[who]}`);
      bodies[who].push({ path: row.path, body: await response.text() });
    }
  }
  expect(failures).toEqual([]);

  // What finance sees of every unit, to look for in each owner's responses: names (unique strings)
  // and amounts. An amount that also figures in finance's view of the owner's own unit or app is a
  // coincidence of cents, not a leak, so it is not looked for.
  const finance = contexts.finance.request;
  const byUnit = (await (await finance.get(`/api/v1/reports/chargeback?month=${M}`)).json()) as ChargebackReport;
  const figuresOf = async (unit: string) => {
    const costCenters = (await (
      await finance.get(`/api/v1/reports/chargeback?month=${M}&by=cost-center&businessUnit=${enc(unit)}`)
    ).json()) as ChargebackReport;
    const row = byUnit.rows.find((r) => r.key === unit)!;
    return {
      names: [unit, unit.replace("&", "&amp;"), ...costCenters.rows.map((r) => r.name)],
      amounts: [row.cost, formatMoney(row.cost), ...costCenters.rows.flatMap((r) => [r.cost, formatMoney(r.cost)])],
    };
  };
  const MONEY = /-?\$?\d[\d,]*\.\d\d/g;
  const owners: [Who, string[], string][] = [
    ["ownerA", [UNIT_A], apps.APP_A],
    ["ownerB", [UNIT_B], apps.APP_B],
    ["ownerAM", [UNIT_A, UNIT_M], apps.APP_A],
  ];
  for (const [owner, owns, app] of owners) {
    const others = byUnit.rows.filter((r) => !owns.includes(r.key)).map((r) => r.key);
    expect(others.length).toBe(6 - owns.length);
    const figures = await Promise.all(others.map(figuresOf));
    // The owner's own units' and app's views, and their days (which the overview charts), as finance sees them.
    const ownPaths = [
      ...TABLE.map((r) => r.path.replace(/APP_[AB]/, (k) => apps[k as keyof typeof apps])).filter(
        (p) => owns.some((u) => p.includes(enc(u))) || p.includes(app),
      ),
      ...owns.map((u) => `/api/v1/reports/daily?month=${M}&businessUnit=${enc(u)}`),
    ];
    const coincidences = new Set<string>();
    for (const p of ownPaths) for (const m of (await (await finance.get(p)).text()).matchAll(MONEY)) coincidences.add(m[0]);
    const forbidden = [...figures.flatMap((f) => f.names), ...figures.flatMap((f) => f.amounts).filter((a) => !coincidences.has(a))];
    expect(forbidden.length).toBeGreaterThan(20);
    // The sign-in page lists every demo persona and the unit they own; it is only on when local sign-in is.
    // A page echoes the address asked for (a unit's name in its own URL) but nothing more.
    for (const { path: p, body } of bodies[owner].filter((b) => !b.path.startsWith("/signin"))) {
      for (const figure of forbidden.filter((f) => !decodeURIComponent(p).includes(f))) {
        // Whole figures only: "3.57" inside "$13.57" is not a leak of $3.57.
        const whole = new RegExp(`(?<![\\d.,$])${figure.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?!\\d)`);
        expect(whole.test(body), `${owner} ${p} shows "${figure}"`).toBe(false);
      }
    }
    // Their total is what finance sees for their units: exactly for one unit, to each figure's rounding for several.
    const theirs = (await (await contexts[owner].request.get(`/api/v1/reports/chargeback?month=${M}`)).json()) as ChargebackReport;
    expect(theirs.rows.map((r) => r.key).sort()).toEqual([...owns].sort());
    const financeCents = owns.map((u) => parseCents(byUnit.rows.find((r) => r.key === u)!.cost));
    if (owns.length === 1) expect(theirs.total).toBe(byUnit.rows.find((r) => r.key === owns[0])!.cost);
    else expect(Math.abs(Number(parseCents(theirs.total) - financeCents.reduce((a, b) => a + b, 0n)))).toBeLessThan(roundingBound(1, ...owns.map(() => 1)));
    expect(theirs.unmapped.requests).toBe(0);
  }
  await Promise.all(Object.values(contexts).map((c) => c.close()));
});
