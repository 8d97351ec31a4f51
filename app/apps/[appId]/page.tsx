import { Suspense } from "react";
import { notFound } from "next/navigation";
import { canSeeUnit, seesEveryUnit } from "@/lib/auth/access";
import { monthDays } from "@/lib/core/months";
import { LedgerReader } from "@/lib/ledger/ledgerReader";
import { appModelOptions } from "@/lib/reports/appModelOptions";
import { appVisible } from "@/lib/reports/appVisibility";
import { filterOptions } from "@/lib/reports/filterOptions";
import { filterParams, noFilters, type Params } from "@/lib/reports/reportFilters";
import { resolveRange } from "@/lib/reports/reportRange";
import { readAppLines } from "@/lib/reports/storedAppLines";
import { getSharedStore } from "@/lib/store";
import { decodeParam } from "@/app/_components/decodeParam";
import { FilterBar } from "@/app/_components/FilterBar";
import { InvalidMonthNote } from "@/app/_components/InvalidMonthNote";
import { MonthNav } from "@/app/_components/MonthNav";
import { PageSkeleton } from "@/app/_components/PageSkeleton";
import { addressParams, pageHref, sortHrefs } from "@/app/_components/pageHref";
import { periodParams } from "@/app/_components/periodParams";
import { sortParam } from "@/app/_components/sortParam";
import { unitHref } from "@/app/_components/unitHref";
import { requireCaller } from "@/app/_server/currentCaller";
import { pageMonth } from "@/app/_server/pageMonth";
import { pageQuery } from "@/app/_server/pageQuery";
import { AppMonthFigures } from "./AppMonthFigures";
import { AppPeriodFigures } from "./AppPeriodFigures";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ appId: string }>; searchParams: Promise<Params> };

/**
 * One app over a month or a period, filtered by model or tag, within the units the caller sees.
 * Who may see it is settled before anything streams (403/404 stay real statuses; a loading.tsx
 * would answer 200 first); the figures stream in behind a skeleton.
 */
export default async function AppPage({ params, searchParams }: Props) {
  const [{ appId: raw }, search] = await Promise.all([params, searchParams]);
  const one = (name: string) => (typeof search[name] === "string" ? (search[name] as string) : undefined);
  const asked = one("month");
  const appId = decodeParam(raw);
  const path = `/apps/${encodeURIComponent(appId)}`;
  const caller = await requireCaller(asked ? `${path}?month=${encodeURIComponent(asked)}` : path);
  const monthNote = await pageMonth(asked);
  const { month } = monthNote;
  // The page is the app: unit, cost center and app chips would only narrow it to nothing or to another app.
  const { query: asFiltered, problem } = pageQuery(search);
  const query = { ...asFiltered, filters: { ...asFiltered.filters, units: [], costCenters: [], apps: [] } };
  const { filters } = query;
  const range = resolveRange(query.range, month, monthNote.bounds, query.custom);
  const reader = new LedgerReader(getSharedStore());
  // Only the app's own lines of each month (stored per app with the month's reports): visibility
  // and the filter's options need no other app's, and decoding the month's would be most of the page.
  const [months, catalog] = await Promise.all([Promise.all(range.months.map((m) => readAppLines(reader, m, appId))), reader.catalog()]);
  const appLines = months.flatMap((m) => m.lines);
  const days = { from: monthDays(range.from).from, to: monthDays(range.to).to };
  // Out of scope reads as unknown: an owner cannot tell another unit's app ids from made-up ones.
  if (!appVisible(appId, days, appLines, catalog, caller.scope)) notFound();

  const appName = catalog.apps.find((a) => a.appId === appId)?.displayName ?? appId;
  const current = catalog.mappings.find(
    (m) => m.appId === appId && m.validFrom < days.to && (m.validTo === null || m.validTo > monthDays(range.to).from) && canSeeUnit(caller, m.businessUnit),
  );
  // Models from the app's own lines, unmapped included: the shared options leave unmapped lines out.
  const options = {
    ...filterOptions({ lines: appLines }, caller.scope),
    models: appModelOptions(appLines, caller.scope),
  };
  const detailed = range.months.length === 1 && noFilters(filters);
  const keep: [string, string][] = [...periodParams(query, month), ...filterParams(filters)];
  const sorts = { modelSort: sortParam(one("modelSort")), ccSort: sortParam(one("ccSort")) };
  // The detailed month's tables: their orders kept by each other's links and by the breakdown's forms.
  const monthSorts = { modelSort: sorts.modelSort, deploymentSort: sortParam(one("deploymentSort")), operationSort: sortParam(one("operationSort")) };
  const breakdownParams: [string, string][] = [
    ...(one("breakdown") ? [["breakdown", one("breakdown") as string] as [string, string]] : []),
    ...(query.q ? [["q", query.q] as [string, string]] : []),
    ...(query.page > 1 ? [["page", String(query.page)] as [string, string]] : []),
  ];
  // Every parameter of the address, for sort links that change one table's order and keep the rest.
  const address = { path, params: addressParams(search, [...keep, ...breakdownParams]) };
  const sortedKeep = [...keep, ...(Object.entries(monthSorts) as [string, string][]).filter(([, by]) => by !== "cost")];
  return (
    <>
      <p className="crumbs">
        <a href={`/?month=${month}`}>{seesEveryUnit(caller) ? "All business units" : "Overview"}</a>
        {current && (
          <>
            {" "}
            › <a href={unitHref(current.businessUnit, month)}>{current.businessUnit}</a>
          </>
        )}{" "}
        › {appName}
      </p>
      <h1>
        {appName}: {range.label}
      </h1>
      <InvalidMonthNote note={monthNote} month={month} />
      <FilterBar path={path} query={query} month={month} options={options} hide={["unit", "cc", "app"]} problem={problem} />
      {range.months.length === 1 && <MonthNav month={month} path={path} keep={filterParams(filters)} />}
      {/* Keyed by the address, so a new period or filter shows the skeleton again while it loads. */}
      <Suspense
        key={keep.map((p) => p.join("=")).join("&")}
        fallback={
          <div aria-busy="true">
            <PageSkeleton label={`Loading the figures of ${appName}…`} />
          </div>
        }
      >
        {detailed ? (
          <AppMonthFigures
            reader={reader}
            caller={caller}
            appId={appId}
            month={month}
            path={path}
            keep={sortedKeep}
            sorts={monthSorts}
            sortHref={sortHrefs(path, address.params, monthSorts)}
            address={address}
            breakdown={one("breakdown")}
            q={query.q}
            page={query.page}
          />
        ) : (
          <AppPeriodFigures
            reader={reader}
            caller={caller}
            appId={appId}
            range={range}
            filters={filters}
            sorts={sorts}
            sortHref={sortHrefs(path, keep, sorts)}
            monthHref={pageHref(path, [["month", range.to]])}
          />
        )}
      </Suspense>
    </>
  );
}
