import { redirect } from "next/navigation";
import { Suspense } from "react";
import { seesEveryUnit } from "@/lib/auth/access";
import { requireCaller } from "./_server/currentCaller";
import { pageMonth } from "./_server/pageMonth";
import { pageQuery } from "./_server/pageQuery";
import { FinanceOverviewPage } from "./FinanceOverviewPage";
import { UnitChooserPage } from "./UnitChooserPage";
import { PageSkeleton } from "./_components/PageSkeleton";
import { pageNumber } from "./_components/pageNumber";
import { sortParam } from "./_components/sortParam";
import { unitHref } from "./_components/unitHref";
import type { Params } from "@/lib/reports/reportFilters";

export const dynamic = "force-dynamic";

/**
 * Where everyone lands. Finance and admins: the overview of every unit. A unit owner: their unit's
 * page when they own one, a chooser when they own several (`view=all` shows those units together).
 */
export default async function Page({ searchParams }: { searchParams: Promise<Params> }) {
  const params = await searchParams;
  const one = (name: string) => (typeof params[name] === "string" ? (params[name] as string) : undefined);
  const asked = one("month");
  const caller = await requireCaller(asked ? `/?month=${encodeURIComponent(asked)}` : "/");
  const monthNote = await pageMonth(asked);
  if (!seesEveryUnit(caller) && one("view") !== "all") {
    const [only, ...more] = caller.ownedUnits;
    if (only && more.length === 0) redirect(unitHref(only, monthNote.month));
    if (only)
      return (
        <Suspense fallback={<PageSkeleton />}>
          <UnitChooserPage caller={caller} month={monthNote.month} />
        </Suspense>
      );
  }
  const { query, problem } = pageQuery(params);
  // The checks above answer before anything streams; the figures stream behind a skeleton.
  return (
    <Suspense fallback={<PageSkeleton />}>
      <FinanceOverviewPage
        caller={caller}
        error={one("error")?.slice(0, 300)}
        sorts={{ units: sortParam(one("sort")), models: sortParam(one("modelSort")), apps: sortParam(one("appSort")) }}
        month={monthNote.month}
        monthNote={monthNote}
        query={query}
        problem={problem}
        appSearch={{ q: one("appQ") ?? "", page: pageNumber(one("appPage")) }}
        search={params}
      />
    </Suspense>
  );
}
