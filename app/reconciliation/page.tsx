import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "../_server/currentCaller";
import { getReconciliation } from "@/lib/reconciliation/getReconciliation";
import { getSharedStore } from "@/lib/store";
import { pageMonth } from "../_server/pageMonth";
import { ReconciliationPage } from "./ReconciliationPage";

export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ month?: string; imported?: string }> };

/** Finance and admins: the month's Azure bill beside our events (the CLI's `chargeback reconcile`). */
export default async function Page({ searchParams }: Props) {
  const { month: asked, imported } = await searchParams;
  const caller = await requireCaller(asked ? `/reconciliation?month=${encodeURIComponent(asked)}` : "/reconciliation");
  if (!may(caller, "reconciliation:read")) forbidden();
  const { month, refused, bounds } = await pageMonth(asked);
  return (
    <ReconciliationPage
      reconciliation={await getReconciliation(getSharedStore(), month)}
      monthNote={{ refused, bounds }}
      canUpload={may(caller, "invoices:write")}
      imported={imported?.slice(0, 500)}
    />
  );
}
