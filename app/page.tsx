import { Month, currentMonth } from "../lib/reports/month";
import { FinanceOverviewPage } from "./FinanceOverviewPage";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ month?: string }> }) {
  const { month } = await searchParams;
  const parsed = Month.safeParse(month);
  return <FinanceOverviewPage month={parsed.success ? parsed.data : currentMonth()} invalidMonth={month !== undefined && !parsed.success} />;
}
