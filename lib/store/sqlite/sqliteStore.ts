import type Database from "better-sqlite3";
import type { BusinessUnitOwner as BusinessUnitOwnerRow, MonthLog as MonthLogRow, PrismaClient } from "@prisma/client";
import type { DirectoryEntry } from "../../identity/directoryEntry";
import type { IngestKey } from "../../intake/ingestKey";
import type { Discount } from "../../pricing/discount";
import type { Markup } from "../../statements/markup";
import type { Reservation } from "../../pricing/reservation";
import type { SplitRule } from "../../allocation/splitRule";
import type { DoctorReport } from "../../doctor/resources";
import type { ClosedMonth, CostedLine, MonthLogEntry } from "../../statements/statementLine";
import type { BusinessUnitOwner } from "../../org/businessUnitOwner";
import type { OrgMapping } from "../../org/orgMapping";
import type { Deployment } from "../../pricing/deployment";
import type { RetailPriceItem } from "../../pricing/retailPrice";
import type {
  App,
  AuditContext,
  BulkUsageWrites,
  DailyUsage,
  DimensionUsage,
  DoctorRun,
  PartitionLag,
  PipelineLag,
  PriceSyncRun,
  QuarantineOutcome,
  QuarantineStatus,
  SessionFilter,
  StoredSession,
  StoreHealth,
  UpsertSummary,
  UsageBatch,
  UsageBatchResult,
  UsageStore,
} from "../port";
import {
  DAILY_USAGE_COLUMNS,
  fromCostedLine,
  fromDirectoryEntry,
  toDirectoryEntry,
  toAuditEntry,
  toHourlyAppUsage,
  toBusinessUnitOwner,
  toClosedMonth,
  toCostedLine,
  toIngestKey,
  toMonthLogEntry,
  toDailyUsage,
  toDimensionUsage,
  toDailyOutcome,
  toIngestWarning,
  toDeployment,
  toOrgMapping,
  toQuarantinedEvent,
  toRetailPriceItem,
  toReservation,
  toSplitRule,
  fromSplitRule,
} from "./mappers";
import { ensureMigrated, pendingMigrations } from "./migrate";
import { recordAudit } from "./recordAudit";
import { saveQuarantineOutcome } from "./quarantineOutcome";
import { listSourceActivity } from "./sourceActivity";
import { openDatabase } from "./openDatabase";
import { createPrismaClient } from "./prismaClient";
import { saveAudited, upsertByKey } from "./upsertByKey";
import { AUDITED, splitRuleSubject } from "../audited";
import { createUsageWriter } from "./usageWriter";
import { saveInBulk } from "./bulkUsageWrites";
import { compactHourlyUsage } from "./hourlyCompaction";
import { foldEndUsers } from "./endUserFolding";
import { createSessionTable } from "./sessions";
import { createInvoiceWriter, listInvoiceImports, listInvoiceLines } from "./invoiceLines";
import type { InvoiceImport, InvoiceLine } from "../../invoice/invoiceLine";
import type { Budget } from "../../budgets/budget";
import type { AnomalyDecision } from "../../budgets/anomalyDecision";
import type { DeliveryOutcome, OutgoingNotification } from "../../notifications/notification";
import * as budgets from "./budgets";
import { createNotificationTable } from "./notifications";

export class SqliteStore implements UsageStore, BulkUsageWrites {
  private readonly writeUsage: ReturnType<typeof createUsageWriter>;
  private readonly prisma: PrismaClient;
  private readonly writeInvoice: ReturnType<typeof createInvoiceWriter>;
  private readonly sessions: ReturnType<typeof createSessionTable>;
  private readonly notifications: ReturnType<typeof createNotificationTable>;

  private constructor(
    private readonly db: Database.Database,
    readonly databaseFile: string,
  ) {
    this.writeUsage = createUsageWriter(db);
    this.writeInvoice = createInvoiceWriter(db);
    this.sessions = createSessionTable(db);
    this.notifications = createNotificationTable(db);
    this.prisma = createPrismaClient(databaseFile);
  }

  /**
   * Opens the store, migrating it first if its schema is behind. The web server opens it with
   * `migrate: false`: its bundle has no migrations folder, and `npm start` migrates before it.
   */
  static open(file: string, { migrate = true } = {}): SqliteStore {
    if (migrate) ensureMigrated(file);
    return new SqliteStore(openDatabase(file), file);
  }

  /** Reachable (the file answers a read) and migrated (no migration folder left to apply). */
  async checkHealth(): Promise<StoreHealth> {
    try {
      this.db.prepare("SELECT count(*) FROM sqlite_master").get();
    } catch (error) {
      return { reachable: false, schemaCurrent: false, problem: (error as Error).message };
    }
    try {
      const pending = pendingMigrations(this.db);
      return pending.length === 0
        ? { reachable: true, schemaCurrent: true }
        : { reachable: true, schemaCurrent: false, problem: `migrations not applied: ${pending.join(", ")}` };
    } catch (error) {
      return { reachable: true, schemaCurrent: false, problem: `cannot list the migrations: ${(error as Error).message}` };
    }
  }

  async saveUsageBatch(batch: UsageBatch) {
    // Takes the write lock at BEGIN: a deferred transaction that must upgrade its read snapshot
    // fails at once when another process committed meanwhile, instead of waiting its turn.
    return this.writeUsage.immediate(batch);
  }

  async saveUsageBatches(batches: AsyncIterable<UsageBatch>, onSaved: (batch: UsageBatch, result: UsageBatchResult) => void) {
    return saveInBulk(this.db, this.writeUsage, batches, onSaved);
  }

  async getUsageVersion(month: string) {
    const row = this.db.prepare("SELECT version FROM UsageMonth WHERE month = ?").safeIntegers(true).get(month) as { version: bigint } | undefined;
    return String(row?.version ?? 0n);
  }

  async getLedgerPart(month: string, part: string) {
    const row = this.db.prepare("SELECT stamp, builtAt, body FROM LedgerPart WHERE month = ? AND part = ?").get(month, part) as
      | { stamp: string; builtAt: number; body: string }
      | undefined;
    return row ?? null;
  }

  async saveLedgerParts(month: string, stamp: string, builtAt: number, parts: readonly { part: string; body: string }[]) {
    const save = this.db.prepare(
      "INSERT INTO LedgerPart (month, part, stamp, builtAt, body) VALUES (?, ?, ?, ?, ?) ON CONFLICT (month, part) DO UPDATE SET stamp = excluded.stamp, builtAt = excluded.builtAt, body = excluded.body",
    );
    this.db.transaction(() => {
      for (const p of parts) save.run(month, p.part, stamp, builtAt, p.body);
    })();
  }

  async listDailyUsage(fromDay: string, toDay: string) {
    const rows = this.db
      .prepare(`SELECT ${DAILY_USAGE_COLUMNS.join(", ")} FROM DailyUsage WHERE day >= ? AND day < ? ORDER BY day`)
      .raw(true) // arrays, not keyed objects: the month report reads every row of the month
      .safeIntegers(true) // sums stay exact integers (bigint) on their way to the money arithmetic
      .iterate(fromDay, toDay);
    // Row by row, not all at once beside their objects; each name (day, app, deployment, …) one
    // string shared by its rows instead of a copy per row: hundreds of MB of a month at 5,000 apps.
    const names = new Map<string, string>();
    const usage: DailyUsage[] = [];
    for (const r of rows) usage.push(toDailyUsage(r as unknown[], names));
    return usage;
  }

  async listDailyDimensionUsage(fromDay: string, toDay: string, dimension: string) {
    // As listDailyUsage: row by row, each name one shared string.
    const rows = this.db
      .prepare(
        `SELECT ${DAILY_USAGE_COLUMNS.join(", ")}, dimension, value FROM DailyDimensionUsage WHERE dimension = ? AND day >= ? AND day < ? ORDER BY day, appId, deployment, model, region, operation, tokenKinds, value`,
      )
      .raw(true)
      .safeIntegers(true)
      .iterate(dimension, fromDay, toDay);
    const names = new Map<string, string>();
    const usage: DimensionUsage[] = [];
    for (const r of rows) usage.push(toDimensionUsage(r as unknown[], names));
    return usage;
  }

  async listUsageDimensions(fromDay: string, toDay: string) {
    // A handful of dimensions over millions of rows: skip from one dimension to the next on the key
    // (dimension, day, ...) and probe each for a day in range, instead of scanning the month's rows.
    const rows = this.db
      .prepare(
        `WITH RECURSIVE d(dimension) AS (SELECT MIN(dimension) FROM DailyDimensionUsageSums
           UNION ALL SELECT (SELECT MIN(dimension) FROM DailyDimensionUsageSums WHERE dimension > d.dimension) FROM d WHERE d.dimension IS NOT NULL)
         SELECT dimension FROM d WHERE dimension IS NOT NULL
           AND EXISTS (SELECT 1 FROM DailyDimensionUsageSums s WHERE s.dimension = d.dimension AND s.day >= ? AND s.day < ?)
         ORDER BY dimension`,
      )
      .all(fromDay, toDay);
    return rows.map((r) => String((r as { dimension: string }).dimension));
  }

  async listDailyOutcomes(fromDay: string, toDay: string) {
    const rows = this.db.prepare("SELECT * FROM DailyOutcome WHERE day >= ? AND day < ? ORDER BY day, appId, outcome").all(fromDay, toDay);
    return rows.map((r) => toDailyOutcome(r as Record<string, string | number>));
  }

  async listIngestWarnings() {
    const rows = this.db.prepare("SELECT * FROM IngestWarning ORDER BY lastAt DESC, source, reason").all();
    return rows.map((r) => toIngestWarning(r as Record<string, string | number>));
  }

  async listHourlyAppUsage(appId: string, fromDay: string, toDay: string) {
    const rows = this.db
      .prepare("SELECT * FROM HourlyAppUsage WHERE appId = ? AND hour >= ? AND hour < ? ORDER BY hour, deployment")
      .all(appId, fromDay, toDay);
    return rows.map((r) => toHourlyAppUsage(r as Record<string, number | string>));
  }

  async listHourlyUsage(fromDay: string, toDay: string, deployments: string[]) {
    if (deployments.length === 0) return [];
    const rows = this.db
      .prepare(
        `SELECT * FROM HourlyAppUsage WHERE hour >= ? AND hour < ? AND deployment IN (${deployments.map(() => "?").join(", ")}) ORDER BY hour, appId, deployment`,
      )
      .all(fromDay, toDay, ...deployments);
    return rows.map((r) => toHourlyAppUsage(r as Record<string, number | string>));
  }

  async getUsageDayRange() {
    // On the sums' own key (day first): two index probes, where MIN and MAX through the view scan every row (every page asks).
    const row = this.db.prepare("SELECT (SELECT MIN(day) FROM DailyUsageSums) AS first, (SELECT MAX(day) FROM DailyUsageSums) AS last").get() as {
      first: string | null;
      last: string | null;
    };
    return row.first && row.last ? { first: row.first, last: row.last } : null;
  }

  async listQuarantined(status: QuarantineStatus | "all") {
    const rows =
      status === "all"
        ? this.db.prepare("SELECT * FROM QuarantinedEvent ORDER BY receivedAt, id").all()
        : this.db.prepare("SELECT * FROM QuarantinedEvent WHERE status = ? ORDER BY receivedAt, id").all(status);
    return rows.map((r) => toQuarantinedEvent(r as Record<string, unknown>));
  }

  async purgeRawUsage(eventsBefore: string, quarantinedBefore: number, dryRun: boolean) {
    if (dryRun) {
      const count = (sql: string, value: string | number) => (this.db.prepare(sql).get(value) as { n: number }).n;
      return {
        events: count("SELECT COUNT(*) AS n FROM UsageEvent WHERE day < ?", eventsBefore),
        quarantined: count("SELECT COUNT(*) AS n FROM QuarantinedEvent WHERE receivedAt < ?", quarantinedBefore),
      };
    }
    // Batches of 10,000 rows, each its own transaction: a long purge never holds the writer up.
    const inBatches = (sql: string, value: string | number) => {
      const statement = this.db.prepare(sql);
      let total = 0;
      let deleted: number;
      do {
        deleted = statement.run(value).changes;
        total += deleted;
      } while (deleted > 0);
      return total;
    };
    return {
      events: inBatches("DELETE FROM UsageEvent WHERE rowid IN (SELECT rowid FROM UsageEvent WHERE day < ? LIMIT 10000)", eventsBefore),
      quarantined: inBatches(
        "DELETE FROM QuarantinedEvent WHERE rowid IN (SELECT rowid FROM QuarantinedEvent WHERE receivedAt < ? LIMIT 10000)",
        quarantinedBefore,
      ),
    };
  }

  async compactRollups(before: string, keep: readonly string[], topEndUsers: number, dryRun: boolean) {
    return { ...compactHourlyUsage(this.db, before, keep, dryRun), ...foldEndUsers(this.db, before, topEndUsers, dryRun) };
  }

  async saveQuarantineOutcome(id: string, outcome: QuarantineOutcome, audit?: AuditContext) {
    await saveQuarantineOutcome(this.prisma, id, outcome, audit);
  }

  async listSourceActivity(since: number, recentSince: number) {
    return listSourceActivity(this.db, since, recentSince);
  }

  async saveRetailPrices(items: RetailPriceItem[], importedAt: number, audit?: AuditContext): Promise<UpsertSummary> {
    const existing = (await this.prisma.retailPrice.findMany()).map(toRetailPriceItem);
    const stamp = BigInt(importedAt);
    return saveAudited(
      this.prisma,
      AUDITED.price,
      existing,
      items,
      {
        create: (tx, rows) => tx.retailPrice.createMany({ data: rows.map((r) => ({ ...r, importedAt: stamp })) }),
        update: (tx, item) =>
          tx.retailPrice.update({
            where: {
              meterId_armRegionName_effectiveStartDate_currencyCode_type_tierMinimumUnits: {
                meterId: item.meterId,
                armRegionName: item.armRegionName,
                effectiveStartDate: item.effectiveStartDate,
                currencyCode: item.currencyCode,
                type: item.type,
                tierMinimumUnits: item.tierMinimumUnits,
              },
            },
            data: { ...item, importedAt: stamp },
          }),
      },
      audit,
    );
  }

  async listRetailPrices() {
    return (await this.prisma.retailPrice.findMany()).map(toRetailPriceItem);
  }

  async saveDeployments(deployments: Deployment[], audit?: AuditContext) {
    const existing = (await this.prisma.deployment.findMany()).map(toDeployment);
    return saveAudited(
      this.prisma,
      AUDITED.deployment,
      existing,
      deployments,
      {
        create: (tx, rows) => tx.deployment.createMany({ data: rows }),
        update: (tx, d) => tx.deployment.update({ where: { name: d.name }, data: d }),
      },
      audit,
    );
  }

  async saveDiscounts(discounts: Discount[], audit?: AuditContext) {
    const existing = (await this.prisma.discount.findMany()).map((d) => ({ ...d }));
    return saveAudited(
      this.prisma,
      AUDITED.discount,
      existing,
      discounts,
      {
        create: (tx, rows) => tx.discount.createMany({ data: rows }),
        update: (tx, d) => tx.discount.update({ where: { family_validFrom: { family: d.family, validFrom: d.validFrom } }, data: d }),
      },
      audit,
    );
  }

  async listDiscounts() {
    return (await this.prisma.discount.findMany({ orderBy: [{ family: "asc" }, { validFrom: "asc" }] })).map((d) => ({
      family: d.family,
      percent: d.percent,
      validFrom: d.validFrom,
      validTo: d.validTo,
    }));
  }

  async saveMarkups(markups: Markup[], audit?: AuditContext) {
    const existing = await this.listMarkups();
    return saveAudited(
      this.prisma,
      AUDITED.markup,
      existing,
      markups,
      {
        create: (tx, rows) => tx.markup.createMany({ data: rows }),
        update: (tx, m) =>
          tx.markup.update({ where: { businessUnit_kind_validFrom: { businessUnit: m.businessUnit, kind: m.kind, validFrom: m.validFrom } }, data: m }),
      },
      audit,
    );
  }

  async listMarkups() {
    return (await this.prisma.markup.findMany({ orderBy: [{ businessUnit: "asc" }, { kind: "asc" }, { validFrom: "asc" }] })).map((m) => ({
      ...m,
      kind: m.kind as Markup["kind"],
    }));
  }

  async saveReservations(reservations: Reservation[], audit?: AuditContext) {
    const existing = (await this.prisma.provisionedReservation.findMany()).map(toReservation);
    return saveAudited(
      this.prisma,
      AUDITED.reservation,
      existing,
      reservations,
      {
        create: (tx, rows) => tx.provisionedReservation.createMany({ data: rows }),
        update: (tx, r) => tx.provisionedReservation.update({ where: { deployment_validFrom: { deployment: r.deployment, validFrom: r.validFrom } }, data: r }),
      },
      audit,
    );
  }

  async listReservations() {
    return (await this.prisma.provisionedReservation.findMany({ orderBy: [{ deployment: "asc" }, { validFrom: "asc" }] })).map(toReservation);
  }

  async saveSplitRules(rules: SplitRule[], audit?: AuditContext) {
    const existing = (await this.prisma.splitRule.findMany()).map(toSplitRule);
    return saveAudited(
      this.prisma,
      AUDITED.splitRule,
      existing,
      rules,
      {
        create: (tx, rows) => tx.splitRule.createMany({ data: rows.map(fromSplitRule) }),
        update: (tx, r) => tx.splitRule.update({ where: { id: r.id }, data: fromSplitRule(r) }),
      },
      audit,
    );
  }

  async removeSplitRule(id: string, audit?: AuditContext) {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.splitRule.findUnique({ where: { id } });
      if (!before) return null;
      const rule = toSplitRule(before);
      await tx.splitRule.delete({ where: { id } });
      if (audit) await recordAudit(tx, audit, [[splitRuleSubject(rule), rule, null]]);
      return rule;
    });
  }

  async listSplitRules() {
    return (await this.prisma.splitRule.findMany({ orderBy: { id: "asc" } })).map(toSplitRule);
  }

  async saveInvoiceImport(record: InvoiceImport, lines: InvoiceLine[], supersedes: string[] = []) {
    return this.writeInvoice(record, lines, supersedes);
  }

  async listInvoiceLines(fromDay: string, toDay: string) {
    return listInvoiceLines(this.db, fromDay, toDay);
  }

  async listInvoiceImports() {
    return listInvoiceImports(this.db);
  }

  async recordDoctorRun({ at, ...report }: DoctorRun) {
    await this.prisma.doctorRun.create({ data: { at: BigInt(at), source: report.source, report: JSON.stringify(report) } });
  }

  async recordPipelineLag({ consumer, at, partitions }: PipelineLag) {
    const row = { at: BigInt(at), partitions: JSON.stringify(partitions) };
    await this.prisma.pipelineLag.upsert({ where: { consumer }, create: { consumer, ...row }, update: row });
  }

  async listPipelineLag() {
    return (await this.prisma.pipelineLag.findMany({ orderBy: { consumer: "asc" } })).map((r) => ({
      consumer: r.consumer,
      at: Number(r.at),
      partitions: JSON.parse(r.partitions) as PartitionLag[],
    }));
  }

  async getLastDoctorRun() {
    const row = await this.prisma.doctorRun.findFirst({ orderBy: { id: "desc" } });
    return row ? { ...(JSON.parse(row.report) as DoctorReport), at: Number(row.at) } : null;
  }

  async recordPriceSync(run: PriceSyncRun) {
    await this.prisma.priceSyncRun.create({ data: { ...run, at: BigInt(run.at) } });
  }

  async listPriceSyncs(limit: number) {
    return (await this.prisma.priceSyncRun.findMany({ orderBy: { id: "desc" }, take: limit })).map((r) => ({
      at: Number(r.at),
      ok: r.ok,
      items: r.items,
      detail: r.detail,
    }));
  }

  async getPricingVersion() {
    const prices = this.db.prepare("SELECT COUNT(*) AS n, MAX(importedAt) AS at FROM RetailPrice").get() as { n: number; at: number | null };
    const deployments = this.db
      .prepare("SELECT group_concat(name || '|' || coalesce(model, '') || '|' || region || '|' || sku, ';') AS d FROM Deployment")
      .get() as { d: string | null };
    const reservations = this.db
      .prepare(
        "SELECT group_concat(deployment || '|' || validFrom || '|' || coalesce(validTo, '') || '|' || units || '|' || price || '|' || per || '|' || currency || '|' || idle || '|' || outputWeight, ';') AS r FROM ProvisionedReservation",
      )
      .get() as { r: string | null };
    return `${prices.n}|${prices.at}|${deployments.d ?? ""}|${reservations.r ?? ""}`;
  }

  async getCatalogVersion() {
    // Bumped by triggers in each change's own transaction (migration 20261206220000_catalog_version).
    const row = this.db.prepare('SELECT "version" FROM "CatalogVersion" WHERE "id" = 1').get() as { version: number } | undefined;
    return row ? String(row.version) : null;
  }

  async listDeployments() {
    return (await this.prisma.deployment.findMany({ orderBy: { name: "asc" } })).map(toDeployment);
  }

  async saveOrgMappings(mappings: OrgMapping[], audit?: AuditContext) {
    const existing = (await this.prisma.orgMapping.findMany()).map(toOrgMapping);
    return saveAudited(
      this.prisma,
      AUDITED.mapping,
      existing,
      mappings,
      {
        create: (tx, rows) => tx.orgMapping.createMany({ data: rows }),
        update: (tx, m) => tx.orgMapping.update({ where: { appId_validFrom: { appId: m.appId, validFrom: m.validFrom } }, data: m }),
      },
      audit,
    );
  }

  async listOrgMappings() {
    return (await this.prisma.orgMapping.findMany({ orderBy: [{ appId: "asc" }, { validFrom: "asc" }] })).map(toOrgMapping);
  }

  async saveApps(apps: App[]) {
    const existing = await this.prisma.app.findMany();
    return upsertByKey(this.prisma, existing, apps, (a) => a.appId, {
      create: (tx, rows) => tx.app.createMany({ data: rows }),
      update: (tx, a) => tx.app.update({ where: { appId: a.appId }, data: a }),
    });
  }

  async listUsageAppIds() {
    return this.db.prepare("SELECT DISTINCT appId FROM DailyUsage ORDER BY appId").pluck().all() as string[];
  }

  async saveDirectoryEntries(entries: DirectoryEntry[]) {
    await this.prisma.$transaction(
      entries.map((e) => {
        const row = fromDirectoryEntry(e);
        return this.prisma.directoryEntry.upsert({ where: { appId: e.appId }, create: row, update: row });
      }),
    );
  }

  async listDirectoryEntries() {
    return (await this.prisma.directoryEntry.findMany({ orderBy: { appId: "asc" } })).map(toDirectoryEntry);
  }

  async listApps() {
    return this.prisma.app.findMany({ orderBy: { appId: "asc" } });
  }

  async saveBusinessUnitOwners(owners: BusinessUnitOwner[], audit?: AuditContext) {
    const existing = (await this.prisma.businessUnitOwner.findMany()).map(toBusinessUnitOwner);
    return saveAudited(
      this.prisma,
      AUDITED.owner,
      existing,
      owners,
      {
        create: (tx, rows) => tx.businessUnitOwner.createMany({ data: rows }),
        update: (tx, o) =>
          tx.businessUnitOwner.update({ where: { businessUnit_principalId: { businessUnit: o.businessUnit, principalId: o.principalId } }, data: o }),
      },
      audit,
    );
  }

  async removeBusinessUnitOwner(businessUnit: string, principalId: string, audit?: AuditContext) {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.businessUnitOwner.findUnique({ where: { businessUnit_principalId: { businessUnit, principalId } } });
      if (!before) return false;
      await tx.businessUnitOwner.delete({ where: { businessUnit_principalId: { businessUnit, principalId } } });
      if (audit) await recordAudit(tx, audit, [[businessUnit, toBusinessUnitOwner(before), null]]);
      return true;
    });
  }

  async listAudit(limit: number) {
    return (await this.prisma.auditEntry.findMany({ orderBy: { id: "desc" }, take: limit })).map(toAuditEntry);
  }

  async listBusinessUnitOwners() {
    // Read on every request (who the caller is, whether a unit exists): a prepared statement, where Prisma's query compiler cost ~2 ms each.
    const rows = this.db.prepare("SELECT * FROM BusinessUnitOwner ORDER BY businessUnit, displayName").all() as BusinessUnitOwnerRow[];
    return rows.map(toBusinessUnitOwner);
  }

  async saveIngestKey(key: IngestKey) {
    await this.prisma.ingestKey.create({ data: { ...key, createdAt: BigInt(key.createdAt), revokedAt: null } });
  }

  async findIngestKey(id: string) {
    // Read on every intake request: a prepared statement, not a Prisma query (about 1 ms of CPU each).
    const row = this.db.prepare("SELECT id, source, secretHash, createdAt, revokedAt FROM IngestKey WHERE id = ?").get(id) as
      | Parameters<typeof toIngestKey>[0]
      | undefined;
    return row ? toIngestKey(row) : null;
  }

  async listIngestKeys() {
    return (await this.prisma.ingestKey.findMany({ orderBy: { createdAt: "asc" } })).map(toIngestKey);
  }

  async saveSession(session: StoredSession) {
    this.sessions.save(session);
  }

  async findSession(id: string) {
    return this.sessions.find(id);
  }

  async revokeSessions(filter: SessionFilter, at: number) {
    return this.sessions.revoke(filter, at);
  }

  async saveIdempotencyKey(key: string, digest: string, at: number) {
    this.db.prepare("INSERT OR IGNORE INTO IdempotencyKey (key, digest, at) VALUES (?, ?, ?)").run(key, digest, at);
    return this.db.prepare("SELECT digest FROM IdempotencyKey WHERE key = ?").pluck().get(key) as string;
  }

  async revokeIngestKey(id: string, at: number) {
    const { count } = await this.prisma.ingestKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: BigInt(at) } });
    return count > 0;
  }

  async getClosedMonth(month: string) {
    const row = await this.prisma.closedMonth.findUnique({ where: { month } });
    return row ? toClosedMonth(row) : null;
  }

  async listClosedMonths() {
    return (await this.prisma.closedMonth.findMany({ orderBy: { month: "asc" } })).map(toClosedMonth);
  }

  async listStatementLines(filter: { month: string } | { forMonth: string }) {
    return (await this.prisma.statementLine.findMany({ where: filter })).map(toCostedLine);
  }

  async saveClosedMonth(closed: ClosedMonth, lines: CostedLine[], log: MonthLogEntry) {
    await this.prisma.$transaction(
      async (tx) => {
        await tx.closedMonth.create({ data: { ...closed, closedAt: BigInt(closed.closedAt), unpriced: JSON.stringify(closed.unpriced) } });
        await tx.statementLine.createMany({ data: lines.map((l) => fromCostedLine(closed.month, l)) });
        await tx.monthLog.create({ data: { ...log, at: BigInt(log.at) } });
      },
      { timeout: 60_000 },
    );
  }

  async deleteClosedMonth(month: string, log: MonthLogEntry) {
    await this.prisma.$transaction([
      this.prisma.statementLine.deleteMany({ where: { month } }),
      this.prisma.closedMonth.delete({ where: { month } }),
      this.prisma.monthLog.create({ data: { ...log, at: BigInt(log.at) } }),
    ]);
  }

  async listMonthLog() {
    // Read by every stored report's stamp, so on every page: a prepared statement, not Prisma's query compiler.
    return (this.db.prepare("SELECT * FROM MonthLog ORDER BY id").all() as MonthLogRow[]).map(toMonthLogEntry);
  }

  async saveBudgets(list: Budget[], audit: AuditContext) {
    return budgets.saveBudgets(this.prisma, list, audit);
  }

  async listBudgets() {
    return budgets.listBudgets(this.prisma);
  }

  async saveAnomalyDecisions(decisions: AnomalyDecision[], audit: AuditContext) {
    return budgets.saveAnomalyDecisions(this.prisma, decisions, audit);
  }

  async listAnomalyDecisions() {
    return budgets.listAnomalyDecisions(this.prisma);
  }

  async enqueueNotifications(notifications: OutgoingNotification[]) {
    return this.notifications.enqueue(notifications);
  }

  async claimDueNotifications(at: number, leaseMs: number, limit: number) {
    return this.notifications.claim(at, leaseMs, limit);
  }

  async saveDeliveryOutcome(key: string, outcome: DeliveryOutcome) {
    this.notifications.record(key, outcome);
  }

  async listNotifications(limit: number) {
    return this.notifications.list(limit);
  }

  async close() {
    await this.prisma.$disconnect();
    this.db.close();
  }
}
