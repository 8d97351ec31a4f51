"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { AnomalyDecision } from "../../lib/budgets/anomalyDecision";
import { anomaliesFor } from "../../lib/budgets/anomaliesFor";
import { Month } from "../../lib/core/months";
import { getSharedStore } from "../../lib/store";
import { currentCaller } from "../_server/currentCaller";
import { actorOf } from "../_actions/requireRole";

/** Remembers a flagged day as dismissed or expected, audited; only one the caller may see (checked again here). */
export async function decideAnomaly(form: FormData): Promise<void> {
  const caller = await currentCaller();
  if (!caller) redirect("/signin?next=%2Fanomalies");
  const month = Month.safeParse(form.get("month"));
  const decision = AnomalyDecision.safeParse({ anomaly: form.get("anomaly"), decision: form.get("decision"), note: String(form.get("note") ?? "") });
  if (!month.success || !decision.success) redirect("/anomalies?error=1");
  const store = getSharedStore();
  const visible = await anomaliesFor(store, caller, month.data, true);
  if (!visible.some((a) => a.key === decision.data.anomaly)) redirect(`/anomalies?month=${month.data}&error=1`);
  await store.saveAnomalyDecisions([decision.data], {
    actor: actorOf(caller),
    action: "anomalies.decide",
    reason: decision.data.note || decision.data.decision,
  });
  revalidatePath("/anomalies");
  redirect(`/anomalies?month=${month.data}`);
}
