import { requireCaller } from "./_server/currentCaller";
import { FinanceOverviewPage } from "./FinanceOverviewPage";
import { monthParam } from "./_components/monthParam";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ month?: string; error?: string }> }) {
  const { month: asked, error } = await searchParams;
  const caller = await requireCaller(asked ? `/?month=${encodeURIComponent(asked)}` : "/");
  return <FinanceOverviewPage caller={caller} error={error?.slice(0, 300)} {...monthParam(asked)} />;
}
