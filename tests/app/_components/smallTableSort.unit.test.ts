import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AdjustmentsTable } from "../../../app/_components/AdjustmentsTable";
import type { PageAddress } from "../../../app/_components/columnSort";
import { FailedCallsTable } from "../../../app/_components/FailedCallsTable";
import { MappingHistoryTable } from "../../../app/_components/MappingHistoryTable";
import { addressParams, sortHrefs } from "../../../app/_components/pageHref";
import type { Adjustment } from "../../../lib/reports/reportRows";
import type { AppCalls } from "../../../lib/reports/getCallOutcomes";

const adjustment = (appName: string, cost: string, forMonth: string): Adjustment => ({
  forMonth,
  businessUnit: "Stores",
  costCenter: "CC-110",
  appId: appName.toLowerCase(),
  appName,
  model: "gpt-4o",
  cost,
  reason: "late usage",
});
// Money is compared as money: 10.00 is more than 9.50, though "9.50" > "10.00" as text.
const ADJUSTMENTS = [adjustment("Beta", "9.50", "2026-09"), adjustment("Alpha", "10.00", "2026-10"), adjustment("Gamma", "-3.25", "2026-08")];
const PATH = "/business-units/Stores";

const render = (address?: PageAddress) =>
  renderToStaticMarkup(createElement(AdjustmentsTable, { adjustments: ADJUSTMENTS, currency: "USD", ...(address && { address }) }));
const rowNames = (html: string) => [...html.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
const hrefOf = (html: string, label: string) => html.match(new RegExp(`<a href="([^"]*)" title="Sort by ${label}"`))?.[1]?.replaceAll("&amp;", "&");
const at = (...extra: [string, string][]): PageAddress => ({
  path: PATH,
  params: [["month", "2026-11"], ["breakdown", "end-user"], ["failedSort", "calls"], ...extra],
});

describe("a small table sorted from the address (adjustments)", () => {
  it("keeps the order given until asked, each header linking to its order with every other parameter kept", () => {
    const html = render(at());
    expect(rowNames(html)).toEqual(["Beta", "Alpha", "Gamma"]);
    expect(hrefOf(html, "cost")).toBe(`${PATH}?month=2026-11&breakdown=end-user&failedSort=calls&adjustmentSort=cost`);
    expect(html).not.toContain("aria-sort");
  });

  it("sorts money largest first and text A to Z, saying which order is on", () => {
    const byCost = render(at(["adjustmentSort", "cost"]));
    expect(rowNames(byCost)).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(byCost).toMatch(/aria-sort="descending"><a [^>]*title="Sort by cost"/);
    expect(rowNames(render(at(["adjustmentSort", "app"])))).toEqual(["Alpha", "Beta", "Gamma"]);
    expect(rowNames(render(at(["adjustmentSort", "for"])))).toEqual(["Gamma", "Beta", "Alpha"]);
    // A new order replaces the table's old one in the link, other tables' orders stay.
    expect(hrefOf(byCost, "for")).toBe(`${PATH}?month=2026-11&breakdown=end-user&failedSort=calls&adjustmentSort=for`);
  });

  it("reads an unknown order as the order given, and is not sortable without the page's address", () => {
    expect(rowNames(render(at(["adjustmentSort", "bogus"])))).toEqual(["Beta", "Alpha", "Gamma"]);
    const plain = render();
    expect(plain).not.toContain("<a ");
    expect(rowNames(plain)).toEqual(["Beta", "Alpha", "Gamma"]);
  });
});

const calls = (name: string, requests: number, usageUnknown: number): AppCalls => ({
  appId: name.toLowerCase(),
  name,
  requests,
  usageUnknown,
  ok: requests,
  throttled: 0,
  filtered: 0,
  error: 0,
  cutOff: 0,
  timeout: 0,
});
const appNames = (html: string) => [...html.matchAll(/<th scope="row"><a [^>]*>([^<]*)<\/a><\/th>/g)].map((m) => m[1]);
const failed = (apps: AppCalls[], ...extra: [string, string][]) =>
  renderToStaticMarkup(
    createElement(FailedCallsTable, {
      calls: { requests: 100, failed: 3, usageUnknown: 2, apps },
      month: "2026-11",
      address: { path: PATH, params: [["month", "2026-11"], ...extra] },
    }),
  );

describe("the same small table for other rows (failed calls, mapping history)", () => {
  const apps = [calls("Beta", 9, 1), calls("Alpha", 1_000, 0), calls("Gamma", 40, 7)];

  it("sorts counts largest first from its own parameter, aligning figures as numbers", () => {
    const html = failed(apps, ["failedSort", "unknown"]);
    expect(appNames(html)).toEqual(["Gamma", "Beta", "Alpha"]);
    expect(appNames(failed(apps, ["failedSort", "calls"]))).toEqual(["Alpha", "Gamma", "Beta"]);
    // Another table's parameter does not sort this one.
    expect(appNames(failed(apps, ["adjustmentSort", "calls"]))).toEqual(["Beta", "Alpha", "Gamma"]);
    expect(html).toMatch(/<th scope="col" class="num" aria-sort="descending"><a [^>]*title="Sort by usage unknown">Usage unknown ▼<\/a><\/th>/);
    expect(html).toContain('<td class="num" data-testid="usage-unknown">7</td>');
    expect(html).toContain('<td class="num">1,000</td>');
  });

  it("says so in one row across every column when it has no rows", () => {
    expect(failed([])).toContain('<td colSpan="8">No failed calls, and every billed call reported its usage.</td>');
    const none = renderToStaticMarkup(createElement(MappingHistoryTable, { mappings: [], address: at() }));
    expect(none).toContain('<td colSpan="4">Not mapped to any cost center');
  });

  it("sorts an open period after every date, showing it as open", () => {
    const mappings = [
      { validFrom: "2026-05-01", validTo: null, businessUnit: "Stores", costCenter: "CC-110" },
      { validFrom: "2026-01-01", validTo: "2026-05-01", businessUnit: null, costCenter: null },
    ];
    const html = renderToStaticMarkup(createElement(MappingHistoryTable, { mappings, address: at(["mappingSort", "until"]) }));
    const rows = [...html.matchAll(/<tr data-testid="mapping-row"><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ["2026-01-01", "2026-05-01"],
      ["2026-05-01", "open"],
    ]);
  });
});

describe("a report table's sort links", () => {
  it("keep every other parameter of the address: month, filters, breakdown, searches, pages and the small tables' orders", () => {
    const search = { month: "bad", app: "x", breakdown: "tag:project", q: "ab", page: "2", appQ: "sto", failedSort: "calls", ccSort: "name" };
    const href = sortHrefs(
      PATH,
      addressParams(search, [
        ["month", "2026-11"],
        ["app", "x"],
      ]),
      { ccSort: "name", appSort: "cost" } as const,
    );
    expect(href("appSort")("delta")).toBe(
      `${PATH}?month=2026-11&app=x&breakdown=tag%3Aproject&q=ab&page=2&appQ=sto&failedSort=calls&ccSort=name&appSort=delta`,
    );
    // The order changed is the table's own; back to its default, it leaves the address.
    expect(href("ccSort")("cost")).toBe(`${PATH}?month=2026-11&app=x&breakdown=tag%3Aproject&q=ab&page=2&appQ=sto&failedSort=calls`);
  });
});
