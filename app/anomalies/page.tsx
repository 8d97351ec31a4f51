import { requireCaller } from "../_server/currentCaller";
import { monthParam } from "../_components/monthParam";
import { AnomaliesPage } from "./AnomaliesPage";

export const dynamic = "force-dynamic";

export default async function Page({ searchParams }: { searchParams: Promise<{ month?: string; all?: string }> }) {
  const { month: asked, all } = await searchParams;
  const caller = await requireCaller(asked ? `/anomalies?month=${encodeURIComponent(asked)}` : "/anomalies");
  return <AnomaliesPage caller={caller} withDismissed={all === "1"} {...monthParam(asked)} />;
}
