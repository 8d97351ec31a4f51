import type { PrismaClient } from "@prisma/client";
import type { AnomalyDecision } from "../../budgets/anomalyDecision";
import type { Budget } from "../../budgets/budget";
import { AUDITED } from "../audited";
import type { AuditContext, UpsertSummary } from "../port";
import { saveAudited } from "./upsertByKey";

type BudgetRow = Omit<Budget, "thresholds" | "notify"> & { thresholds: string; notify: string };

const toBudget = (r: BudgetRow): Budget => ({
  scope: r.scope,
  amount: r.amount,
  currency: r.currency,
  thresholds: JSON.parse(r.thresholds) as Budget["thresholds"],
  notify: JSON.parse(r.notify) as string[],
  hard: r.hard,
  validFrom: r.validFrom,
  validTo: r.validTo,
});
const fromBudget = (b: Budget): BudgetRow => ({ ...b, thresholds: JSON.stringify(b.thresholds), notify: JSON.stringify(b.notify) });

export const listBudgets = async (prisma: PrismaClient) => (await prisma.budget.findMany({ orderBy: [{ scope: "asc" }, { validFrom: "asc" }] })).map(toBudget);

export async function saveBudgets(prisma: PrismaClient, budgets: Budget[], audit: AuditContext): Promise<UpsertSummary> {
  return saveAudited(
    prisma,
    AUDITED.budget,
    await listBudgets(prisma),
    budgets,
    {
      create: (tx, rows) => tx.budget.createMany({ data: rows.map(fromBudget) }),
      update: (tx, b) => tx.budget.update({ where: { scope_validFrom: { scope: b.scope, validFrom: b.validFrom } }, data: fromBudget(b) }),
    },
    audit,
  );
}

export const listAnomalyDecisions = async (prisma: PrismaClient): Promise<AnomalyDecision[]> =>
  (await prisma.anomalyDecision.findMany({ orderBy: { anomaly: "asc" } })).map((d) => ({ ...d, decision: d.decision as AnomalyDecision["decision"] }));

export async function saveAnomalyDecisions(prisma: PrismaClient, decisions: AnomalyDecision[], audit: AuditContext): Promise<UpsertSummary> {
  return saveAudited(
    prisma,
    AUDITED.anomalyDecision,
    await listAnomalyDecisions(prisma),
    decisions,
    {
      create: (tx, rows) => tx.anomalyDecision.createMany({ data: rows }),
      update: (tx, d) => tx.anomalyDecision.update({ where: { anomaly: d.anomaly }, data: d }),
    },
    audit,
  );
}
