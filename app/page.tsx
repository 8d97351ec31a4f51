import { requireCaller } from "./_server/currentCaller";
import { FinanceOverviewPage } from "./FinanceOverviewPage";
import { monthParam } from "./_components/monthParam";
import { sortParam } from "./_components/sortParam";

export const dynamic = "force-dynamic";

type Search = { month?: string; error?: string; sort?: string; modelSort?: string; appSort?: string };

export default async function Page({ searchParams }: { searchParams: Promise<Search> }) {
  const { month: asked, error, sort, modelSort, appSort } = await searchParams;
  const caller = await requireCaller(asked ? `/?month=${encodeURIComponent(asked)}` : "/");
  return (
    <FinanceOverviewPage
      caller={caller}
      error={error?.slice(0, 300)}
      sorts={{ units: sortParam(sort), models: sortParam(modelSort), apps: sortParam(appSort) }}
      {...monthParam(asked)}
    />
  );
}
