import { requireCaller } from "../_server/currentCaller";
import { monthParam } from "../_components/monthParam";
import { BudgetsPage } from "./BudgetsPage";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ month?: string; edit?: string }> }) {
  const { month: asked, edit } = await searchParams;
  const caller = await requireCaller(asked ? `/budgets?month=${encodeURIComponent(asked)}` : "/budgets");
  return <BudgetsPage caller={caller} edit={edit} {...monthParam(asked)} />;
}
