import type { AnomalyDecision } from "../../budgets/anomalyDecision";
import type { Budget } from "../../budgets/budget";
import { AUDITED } from "../audited";
import type { AuditContext } from "../port";
import type { Containers } from "./containers";
import { listValues, saveAudited } from "./upsertByKey";

// Sorted as SQLite's BINARY collation sorts (code units, not locale).
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const saveBudgets = (c: Containers, budgets: Budget[], audit: AuditContext) => saveAudited(c, AUDITED.budget, budgets, audit);
export const listBudgets = async (c: Containers) =>
  (await listValues<Budget>(c, "budget")).sort((a, b) => cmp(a.scope, b.scope) || cmp(a.validFrom, b.validFrom));

export const saveAnomalyDecisions = (c: Containers, decisions: AnomalyDecision[], audit: AuditContext) =>
  saveAudited(c, AUDITED.anomalyDecision, decisions, audit);
export const listAnomalyDecisions = async (c: Containers) =>
  (await listValues<AnomalyDecision>(c, "anomalyDecision")).sort((a, b) => cmp(a.anomaly, b.anomaly));
