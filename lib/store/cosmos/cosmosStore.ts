import type { CosmosClient } from "@azure/cosmos";
import { compactRollups } from "./rollupCompaction";
import type { DirectoryEntry } from "../../identity/directoryEntry";
import type { IngestKey } from "../../intake/ingestKey";
import type { Discount } from "../../pricing/discount";
import type { Markup } from "../../statements/markup";
import type { Reservation } from "../../pricing/reservation";
import type { SplitRule } from "../../allocation/splitRule";
import type { ClosedMonth, CostedLine, MonthLogEntry } from "../../statements/statementLine";
import type { BusinessUnitOwner } from "../../org/businessUnitOwner";
import type { OrgMapping } from "../../org/orgMapping";
import type { Deployment } from "../../pricing/deployment";
import type { RetailPriceItem } from "../../pricing/retailPrice";
import { UserError } from "../../core/errors";
import type {
  App,
  AuditContext,
  DoctorRun,
  PipelineLag,
  PriceSyncRun,
  QuarantineOutcome,
  QuarantineStatus,
  SessionFilter,
  StoredSession,
  StoreHealth,
  UsageBatch,
  UsageStore,
} from "../port";
import { listAudit, recordAudit } from "./recordAudit";
import { createCosmosClient, type CosmosOptions } from "./cosmosClient";
import { type Containers, ensureContainers, existingContainers } from "./containers";
import * as dimensions from "./dimensions";
import * as months from "./months";
import * as ledgerParts from "./ledgerParts";
import * as invoices from "./invoices";
import type { InvoiceImport, InvoiceLine } from "../../invoice/invoiceLine";
import { listQuarantined, purgeQuarantined, saveQuarantineOutcome } from "./quarantine";
import { listSourceActivity } from "./sourceActivity";
import * as rollups from "./rollupReads";
import { listIngestWarnings } from "./ingestWarnings";
import { saveIdempotencyKey } from "./idempotencyKeys";
import * as sessions from "./sessions";
import { healRollups, purgeEvents, saveUsageBatch } from "./usageWriter";
import type { Budget } from "../../budgets/budget";
import type { AnomalyDecision } from "../../budgets/anomalyDecision";
import type { DeliveryOutcome, OutgoingNotification } from "../../notifications/notification";
import * as budgets from "./budgets";
import * as notifications from "./notifications";

const HEAL_EVERY_MS = 60_000;

/**
 * The store on Azure Cosmos DB (NoSQL API). The port's methods are synchronous to open, Cosmos
 * set-up is not: the database and containers are made ready once, and every method awaits that.
 */
export class CosmosStore implements UsageStore {
  private readonly ready: Promise<Containers>;
  /** App ids this process has recorded as having usage: each is written to the index once. */
  private readonly knownApps = new Set<string>();
  private healedAt = 0;

  private constructor(
    private readonly client: CosmosClient,
    options: CosmosOptions,
    { create = true, mustExist = false } = {},
  ) {
    this.ready = prepare(client, options, { create, mustExist });
    this.ready.catch(() => {}); // reported by the first method that awaits it, not as unhandled
  }

  /** `create` makes the database and containers when missing; `mustExist` refuses a missing database. */
  static open(options: CosmosOptions, flags: { create?: boolean; mustExist?: boolean } = {}): CosmosStore {
    return new CosmosStore(createCosmosClient(options), options, flags);
  }

  /** The containers, once ready: for tests that need to simulate a crash part-way through a write. */
  containers(): Promise<Containers> {
    return this.ready;
  }

  async saveUsageBatch(batch: UsageBatch) {
    const c = await this.ready;
    // Now and then, heal partitions whose writer died mid-batch (a marker a minute old).
    if (Date.now() - this.healedAt >= HEAL_EVERY_MS) {
      this.healedAt = Date.now();
      await healRollups(c, HEAL_EVERY_MS);
    }
    return saveUsageBatch(c, batch, this.knownApps);
  }
  async listDailyUsage(fromDay: string, toDay: string) {
    return rollups.listDailyUsage(await this.ready, fromDay, toDay);
  }
  async listDailyDimensionUsage(fromDay: string, toDay: string, dimension: string) {
    return rollups.listDailyDimensionUsage(await this.ready, fromDay, toDay, dimension);
  }
  async listUsageDimensions(fromDay: string, toDay: string) {
    return rollups.listUsageDimensions(await this.ready, fromDay, toDay);
  }
  async listDailyOutcomes(fromDay: string, toDay: string) {
    return rollups.listDailyOutcomes(await this.ready, fromDay, toDay);
  }
  async listIngestWarnings() {
    return listIngestWarnings(await this.ready);
  }
  async listHourlyAppUsage(appId: string, fromDay: string, toDay: string) {
    return rollups.listHourlyAppUsage(await this.ready, appId, fromDay, toDay);
  }
  async listHourlyUsage(fromDay: string, toDay: string, deployments: string[]) {
    return rollups.listHourlyUsage(await this.ready, fromDay, toDay, deployments);
  }
  async purgeRawUsage(eventsBefore: string, quarantinedBefore: number, dryRun: boolean) {
    const c = await this.ready;
    return { events: await purgeEvents(c, eventsBefore, dryRun), quarantined: await purgeQuarantined(c, quarantinedBefore, dryRun) };
  }
  async compactRollups(before: string, keep: readonly string[], topEndUsers: number, dryRun: boolean) {
    return compactRollups(await this.ready, before, keep, topEndUsers, dryRun);
  }
  async getUsageDayRange() {
    return rollups.getUsageDayRange(await this.ready);
  }
  async listUsageAppIds() {
    return rollups.listUsageAppIds(await this.ready);
  }

  async listQuarantined(status: QuarantineStatus | "all") {
    return listQuarantined(await this.ready, status);
  }
  async saveQuarantineOutcome(id: string, outcome: QuarantineOutcome, audit?: AuditContext) {
    return saveQuarantineOutcome(await this.ready, id, outcome, audit);
  }
  async listSourceActivity(since: number, recentSince: number) {
    return listSourceActivity(await this.ready, since, recentSince);
  }

  async saveRetailPrices(items: RetailPriceItem[], importedAt: number, audit?: AuditContext) {
    return dimensions.saveRetailPrices(await this.ready, items, importedAt, audit);
  }
  async listRetailPrices() {
    return dimensions.listRetailPrices(await this.ready);
  }
  async recordPriceSync(run: PriceSyncRun) {
    return dimensions.recordPriceSync(await this.ready, run);
  }
  async listPriceSyncs(limit: number) {
    return dimensions.listPriceSyncs(await this.ready, limit);
  }
  async saveInvoiceImport(record: InvoiceImport, lines: InvoiceLine[], supersedes: string[] = []) {
    return invoices.saveInvoiceImport(await this.ready, record, lines, supersedes);
  }
  async listInvoiceLines(fromDay: string, toDay: string) {
    return invoices.listInvoiceLines(await this.ready, fromDay, toDay);
  }
  async listInvoiceImports() {
    return invoices.listInvoiceImports(await this.ready);
  }
  async recordDoctorRun(run: DoctorRun) {
    return dimensions.recordDoctorRun(await this.ready, run);
  }
  async recordPipelineLag(lag: PipelineLag) {
    return dimensions.recordPipelineLag(await this.ready, lag);
  }
  async listPipelineLag() {
    return dimensions.listPipelineLag(await this.ready);
  }
  async getLastDoctorRun() {
    return dimensions.getLastDoctorRun(await this.ready);
  }
  async saveMarkups(markups: Markup[], audit?: AuditContext) {
    return dimensions.saveMarkups(await this.ready, markups, audit);
  }
  async listMarkups() {
    return dimensions.listMarkups(await this.ready);
  }
  async saveDiscounts(discounts: Discount[], audit?: AuditContext) {
    return dimensions.saveDiscounts(await this.ready, discounts, audit);
  }
  async listDiscounts() {
    return dimensions.listDiscounts(await this.ready);
  }
  async saveReservations(reservations: Reservation[], audit?: AuditContext) {
    return dimensions.saveReservations(await this.ready, reservations, audit);
  }
  async listReservations() {
    return dimensions.listReservations(await this.ready);
  }
  async saveSplitRules(rules: SplitRule[], audit?: AuditContext) {
    return dimensions.saveSplitRules(await this.ready, rules, audit);
  }
  async removeSplitRule(id: string, audit?: AuditContext) {
    return dimensions.removeSplitRule(await this.ready, id, audit && ((c, changes) => recordAudit(c, audit, changes)));
  }
  async listSplitRules() {
    return dimensions.listSplitRules(await this.ready);
  }
  async getCatalogVersion() {
    return dimensions.getCatalogVersion(await this.ready);
  }

  async getPricingVersion() {
    return dimensions.getPricingVersion(await this.ready);
  }
  async saveDeployments(deployments: Deployment[], audit?: AuditContext) {
    return dimensions.saveDeployments(await this.ready, deployments, audit);
  }
  async listDeployments() {
    return dimensions.listDeployments(await this.ready);
  }
  async saveOrgMappings(mappings: OrgMapping[], audit?: AuditContext) {
    return dimensions.saveOrgMappings(await this.ready, mappings, audit);
  }
  async listOrgMappings() {
    return dimensions.listOrgMappings(await this.ready);
  }
  async saveApps(apps: App[]) {
    return dimensions.saveApps(await this.ready, apps);
  }
  async listApps() {
    return dimensions.listApps(await this.ready);
  }
  async saveDirectoryEntries(entries: DirectoryEntry[]) {
    return dimensions.saveDirectoryEntries(await this.ready, entries);
  }
  async listDirectoryEntries() {
    return dimensions.listDirectoryEntries(await this.ready);
  }
  async saveBusinessUnitOwners(owners: BusinessUnitOwner[], audit?: AuditContext) {
    return dimensions.saveBusinessUnitOwners(await this.ready, owners, audit);
  }
  async removeBusinessUnitOwner(businessUnit: string, principalId: string, audit?: AuditContext) {
    return dimensions.removeBusinessUnitOwner(await this.ready, businessUnit, principalId, audit && ((c, changes) => recordAudit(c, audit, changes)));
  }
  async listBusinessUnitOwners() {
    return dimensions.listBusinessUnitOwners(await this.ready);
  }
  async saveIngestKey(key: IngestKey) {
    return dimensions.saveIngestKey(await this.ready, key);
  }
  async findIngestKey(id: string) {
    return dimensions.findIngestKey(await this.ready, id);
  }
  async listIngestKeys() {
    return dimensions.listIngestKeys(await this.ready);
  }
  async saveSession(session: StoredSession) {
    return sessions.saveSession(await this.ready, session);
  }
  async findSession(id: string) {
    return sessions.findSession(await this.ready, id);
  }
  async revokeSessions(filter: SessionFilter, at: number) {
    return sessions.revokeSessions(await this.ready, filter, at);
  }
  async saveIdempotencyKey(key: string, digest: string, at: number) {
    return saveIdempotencyKey(await this.ready, key, digest, at);
  }
  async revokeIngestKey(id: string, at: number) {
    return dimensions.revokeIngestKey(await this.ready, id, at);
  }

  async getClosedMonth(month: string) {
    return months.getClosedMonth(await this.ready, month);
  }
  async listClosedMonths() {
    return months.listClosedMonths(await this.ready);
  }
  async listStatementLines(filter: { month: string } | { forMonth: string }) {
    return months.listStatementLines(await this.ready, filter);
  }
  async saveClosedMonth(closed: ClosedMonth, lines: CostedLine[], log: MonthLogEntry) {
    return months.saveClosedMonth(await this.ready, closed, lines, log);
  }
  async deleteClosedMonth(month: string, log: MonthLogEntry) {
    return months.deleteClosedMonth(await this.ready, month, log);
  }
  async listMonthLog() {
    return months.listMonthLog(await this.ready);
  }
  async getUsageVersion(month: string) {
    return ledgerParts.getUsageVersion(await this.ready, month);
  }
  async getLedgerPart(month: string, part: string) {
    return ledgerParts.getLedgerPart(await this.ready, month, part);
  }
  async saveLedgerParts(month: string, stamp: string, builtAt: number, parts: readonly { part: string; body: string }[]) {
    return ledgerParts.saveLedgerParts(await this.ready, month, stamp, builtAt, parts);
  }
  async saveBudgets(list: Budget[], audit: AuditContext) {
    return budgets.saveBudgets(await this.ready, list, audit);
  }
  async listBudgets() {
    return budgets.listBudgets(await this.ready);
  }
  async saveAnomalyDecisions(decisions: AnomalyDecision[], audit: AuditContext) {
    return budgets.saveAnomalyDecisions(await this.ready, decisions, audit);
  }
  async listAnomalyDecisions() {
    return budgets.listAnomalyDecisions(await this.ready);
  }
  async enqueueNotifications(list: OutgoingNotification[]) {
    return notifications.enqueueNotifications(await this.ready, list);
  }
  async claimDueNotifications(at: number, leaseMs: number, limit: number) {
    return notifications.claimDueNotifications(await this.ready, at, leaseMs, limit);
  }
  async saveDeliveryOutcome(key: string, outcome: DeliveryOutcome) {
    return notifications.saveDeliveryOutcome(await this.ready, key, outcome);
  }
  async listNotifications(limit: number) {
    return notifications.listNotifications(await this.ready, limit);
  }
  async listAudit(limit: number) {
    return listAudit(await this.ready, limit);
  }

  /** Reachable and laid out: the database answers and every container exists (Cosmos DB's "migrations"). */
  async checkHealth(): Promise<StoreHealth> {
    try {
      await Promise.all(Object.values(await this.ready).map((container) => container.read()));
      return { reachable: true, schemaCurrent: true };
    } catch (error) {
      const problem = (error as Error).message.split("\n", 1)[0] ?? "";
      // The account answered that the database or a container is missing: reachable, not laid out.
      const missing = (error as { code?: unknown }).code === 404 || problem.startsWith("no Cosmos database");
      return { reachable: missing, schemaCurrent: false, problem: problem || (missing ? "the database or a container does not exist (404)" : String(error)) };
    }
  }

  async close() {
    await this.ready.catch(() => undefined);
    this.client.dispose();
  }
}

async function prepare(
  client: CosmosClient,
  { endpoint, database }: CosmosOptions,
  { create, mustExist }: { create: boolean; mustExist: boolean },
): Promise<Containers> {
  try {
    if (mustExist || !create) {
      const db = client.database(database);
      const { statusCode } = await db.read();
      if (statusCode === 404)
        throw new UserError(`no Cosmos database ${database} at ${endpoint}: import or ingest something first, or check CHARGEBACK_COSMOS_DATABASE`);
      return create ? ensureContainers(db) : existingContainers(db);
    }
    const { database: db } = await client.databases.createIfNotExists({ id: database });
    return ensureContainers(db);
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: unknown }).code;
    if (code === 404 && mustExist)
      throw new UserError(`no Cosmos database ${database} at ${endpoint}: import or ingest something first, or check CHARGEBACK_COSMOS_DATABASE`);
    if (typeof code === "string" && /^E(CONNREFUSED|NOTFOUND|AI_AGAIN|CONNRESET)$/.test(code))
      throw new UserError(`cannot reach Cosmos DB at ${endpoint}: ${code}`);
    throw error;
  }
}
