import { requireCaller } from "../lib/auth/currentCaller";
import { FinanceOverviewPage } from "./FinanceOverviewPage";
import { monthParam } from "./_components/monthParam";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const { month: asked } = await searchParams;
  const caller = await requireCaller(asked ? `/?month=${encodeURIComponent(asked)}` : "/");
  return <FinanceOverviewPage caller={caller} {...monthParam(asked)} />;
}
