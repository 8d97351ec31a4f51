import type { UsageEvent } from "../events/usageEvent";
import type { CallOutcome } from "../events/callOutcome";
import type { AuditEntry } from "../audit/auditEntry";
import type { DirectoryEntry } from "../identity/directoryEntry";
import type { IngestKey } from "../intake/ingestKey";
import type { Discount } from "../pricing/discount";
import type { DoctorReport } from "../doctor/resources";
import type { Reservation } from "../pricing/reservation";
import type { Markup } from "../statements/markup";
import type { ClosedMonth, CostedLine, MonthLogEntry } from "../statements/statementLine";
import type { BusinessUnitOwner } from "../org/businessUnitOwner";
import type { OrgMapping } from "../org/orgMapping";
import type { SplitRule } from "../allocation/splitRule";
import type { Deployment } from "../pricing/deployment";
import type { RetailPriceItem } from "../pricing/retailPrice";
import type { InvoiceImport, InvoiceLine } from "../invoice/invoiceLine";
import type { CallTier } from "../pricing/callTier";
import type { TokenDetail } from "../pricing/billedTokens";
import type { Budget } from "../budgets/budget";
import type { AnomalyDecision } from "../budgets/anomalyDecision";
import type { DeliveryOutcome, OutgoingNotification, StoredNotification } from "../notifications/notification";

export type IncomingEvent = { id: string; source: string; event: UsageEvent };
/** How a quarantined line's `raw` holds it: as text, or (bytes that are not UTF-8) as base64 of its bytes. */
export type RawEncoding = "utf8" | "base64";
export type IncomingQuarantine = { id: string; source: string; raw: string; reason: string; encoding?: RawEncoding };
export type UsageBatch = { events: IncomingEvent[]; quarantined: IncomingQuarantine[]; receivedAt: number };
/**
 * `inserted[i]` is false when events[i]'s identity was already stored: a redelivery, or, when its
 * content differs from the counted version's, a conflict (`conflicted[i]`). Conflicts are kept in
 * quarantine beside the counted version, so `quarantined` and `quarantineDuplicates` count them too.
 */
export type UsageBatchResult = { inserted: boolean[]; conflicted: boolean[]; quarantined: number; quarantineDuplicates: number };

/** Usage summed per UTC day and pricing/attribution key. */
export type DailyUsage = {
  day: string;
  appId: string;
  deployment: string;
  model: string;
  region: string;
  operation: string;
  /** What its events need priced (tokenKinds.ts): rows with different needs are never summed together. */
  tokenKinds: number;
  /** Read from tokenKinds: the tier its calls ran at, and whether their prompts were over the long-context threshold. */
  serviceTier: CallTier;
  longContext: boolean;
  requests: bigint;
  promptTokens: bigint;
  cachedTokens: bigint;
  completionTokens: bigint;
  reasoningTokens: bigint;
  totalTokens: bigint;
  modelTimeMs: bigint;
} & Record<TokenDetail, bigint>;

/** DailyUsage of the events carrying one dimension (`tag:<key>` or `endUser`), per value. */
export type DimensionUsage = DailyUsage & { dimension: string; value: string };

/** Calls per UTC day, app and outcome; `usageUnknown` counts billed calls that reported no tokens. */
export type DailyOutcome = { day: string; appId: string; outcome: CallOutcome; requests: number; usageUnknown: number };

/** Tags or end users dropped from accepted events, per source (file, hub partition, ingest key) and reason. */
export type IngestWarning = { source: string; reason: string; count: number; firstAt: number; lastAt: number; lastEventId: string };

/**
 * Usage per UTC hour, app and deployment. `buckets[i]` counts timed requests per
 * MODEL_TIME_BUCKETS_MS bound, the last one those over it.
 */
export type HourlyAppUsage = {
  hour: string;
  appId: string;
  deployment: string;
  requests: number;
  promptTokens: number;
  cachedTokens: number;
  completionTokens: number;
  totalTokens: number;
  timedRequests: number;
  modelTimeMs: number;
  buckets: number[];
};

export type QuarantineStatus = "open" | "replayed" | "discarded";
/** What became of a quarantined line: counted after a replay, open again with a new reason, or let go by an admin. */
export type QuarantineOutcome = { status: "replayed" } | { status: "open"; reason: string } | { status: "discarded" };
/** Events received per source (warningSource: a file, a hub partition, an ingest key): the last one, and how many since a given instant. */
export type SourceActivity = { source: string; lastReceivedAt: number; recent: number };
export type QuarantinedEvent = {
  id: string;
  receivedAt: number;
  source: string;
  reason: string;
  raw: string;
  encoding: RawEncoding;
  status: QuarantineStatus;
};

/** Who makes a change and why, for the audit entries written with it. */
export type AuditContext = { actor: string; action: string; reason: string; at?: number };

export type PriceSyncRun = { at: number; ok: boolean; items: number; detail: string };
export type DoctorRun = DoctorReport & { at: number };
/** `lag`: events enqueued on the partition and not yet checkpointed. */
export type PartitionLag = { partitionId: string; lastEnqueuedSequenceNumber: number | null; checkpointedSequenceNumber: number | null; lag: number };
/** One consumer's lag (`consumer`: hub/consumer group), as the worker last measured it. */
export type PipelineLag = { consumer: string; at: number; partitions: PartitionLag[] };

/**
 * A signed-in session, kept so it can end before its cookie does (lib/auth/sessions.ts).
 * `groups`: the owning groups its principal signed in with; `lastSeenAt` drives the idle timeout.
 */
export type StoredSession = { id: string; principalId: string; groups: string[]; startedAt: number; lastSeenAt: number; revokedAt: number | null };
/** One session, or every session of a principal: signed in as it, or (a group) as one of its members. */
export type SessionFilter = { sessionId: string } | { principalId: string };

export type UpsertSummary = { added: number; changed: number; unchanged: number };
export type App = { appId: string; displayName: string };

/** Whether the store can serve: for readiness probes. `problem` says why not, without secrets. */
export type StoreHealth = { reachable: boolean; schemaCurrent: boolean; problem?: string };

/**
 * A bulk load's writes (a store where a commit costs much, whatever its size, implements it):
 * batches written exactly once as `saveUsageBatch` writes each, several to a transaction.
 * `onSaved` hears each batch's result; a failure rolls back the batches not yet committed and is
 * thrown (a re-run adds what they held, nothing twice).
 */
export interface BulkUsageWrites {
  /** The file it writes: a bulk load from a file opens it again on a thread of its own (ingest/worker/parallel/writingThread.ts). */
  readonly databaseFile: string;
  saveUsageBatches(batches: AsyncIterable<UsageBatch>, onSaved: (batch: UsageBatch, result: UsageBatchResult) => void): Promise<void>;
}
export const writesInBulk = (store: object): store is BulkUsageWrites => "saveUsageBatches" in store;

/** Usage in: facts, rollups and quarantine, written exactly once; raw events purged. */
export interface UsageWrites {
  /** Writes facts and their rollups exactly once, and keeps quarantined lines, in one transaction. */
  saveUsageBatch(batch: UsageBatch): Promise<UsageBatchResult>;
  /** With `audit`, records the change (before and after) with it. */
  saveQuarantineOutcome(id: string, outcome: QuarantineOutcome, audit?: AuditContext): Promise<void>;
  /**
   * Deletes (or, dry, counts) raw events of UTC days before `eventsBefore` and quarantined lines
   * received before `quarantinedBefore` (epoch ms), in batches. Rollups and statements stay.
   */
  purgeRawUsage(eventsBefore: string, quarantinedBefore: number, dryRun: boolean): Promise<{ events: number; quarantined: number }>;
  /**
   * Compacts the rollups of UTC days before `before` (or, dry, counts what it would fold):
   * - hourly rows, except those of `keep` deployments, fold into one row per app, deployment and
   *   day (its `hour` is the day, `YYYY-MM-DD`): every sum and the model-time histogram stay exact;
   * - per app and day, the end users past the `topEndUsers` with the most tokens fold into
   *   OTHER_END_USERS, per pricing key: every sum stays exact, only who in the tail used it is lost.
   * Returns the rows folded away.
   */
  compactRollups(before: string, keep: readonly string[], topEndUsers: number, dryRun: boolean): Promise<{ hourlyRows: number; endUserRows: number }>;
}

/** Usage out: rollups per day, hour, dimension and outcome, and what was quarantined or warned of. */
export interface UsageReads {
  /** Rollups for the UTC days in [fromDay, toDay). */
  listDailyUsage(fromDay: string, toDay: string): Promise<DailyUsage[]>;
  /** Usage per UTC day, pricing key and value of one dimension: a tag (`tag:<key>`, e.g. `tag:project`) or the end user (`endUser`). Events without that tag/end user are not in the result. */
  listDailyDimensionUsage(fromDay: string, toDay: string, dimension: string): Promise<DimensionUsage[]>;
  /** The dimensions (`tag:<key>`, `endUser`) any event of the UTC days in [fromDay, toDay) carried, sorted: what a breakdown can pick from. */
  listUsageDimensions(fromDay: string, toDay: string): Promise<string[]>;
  /** Calls per UTC day, app and outcome for the days in [fromDay, toDay). */
  listDailyOutcomes(fromDay: string, toDay: string): Promise<DailyOutcome[]>;
  /** Dropped tags and end users, most recent first. */
  listIngestWarnings(): Promise<IngestWarning[]>;
  /** One app's hourly rollups (one per deployment) for the UTC days in [fromDay, toDay), oldest first. */
  listHourlyAppUsage(appId: string, fromDay: string, toDay: string): Promise<HourlyAppUsage[]>;
  /** Every app's hourly rollups on these deployments for the UTC days in [fromDay, toDay), oldest first. */
  listHourlyUsage(fromDay: string, toDay: string, deployments: string[]): Promise<HourlyAppUsage[]>;
  /** The earliest and latest UTC day with usage, or null when there is none. */
  getUsageDayRange(): Promise<{ first: string; last: string } | null>;
  /** Every app id with usage, whether or not it is mapped or named. */
  listUsageAppIds(): Promise<string[]>;
  listQuarantined(status: QuarantineStatus | "all"): Promise<QuarantinedEvent[]>;
  /** Per source with an event received at or after `since` (epoch ms): its last receipt and the events received at or after `recentSince`. */
  listSourceActivity(since: number, recentSince: number): Promise<SourceActivity[]>;
}

/** What prices and attributes usage: prices, deployments, reservations, discounts, markups, split rules, mappings, app names. */
export interface CatalogStore {
  saveRetailPrices(items: RetailPriceItem[], importedAt: number, audit?: AuditContext): Promise<UpsertSummary>;
  listRetailPrices(): Promise<RetailPriceItem[]>;
  /** Changes whenever prices, deployments or reservations do: lets a built price book be reused until then. */
  getPricingVersion(): Promise<string>;
  /**
   * Changes with every change to the apps, mappings, split rules, markups, discounts or closed
   * months, read from the store (not process memory), so a catalog another process changed is
   * never served from a cache; null when the store keeps no such version (nothing is cached).
   */
  getCatalogVersion(): Promise<string | null>;
  /** Adds new (family, validFrom) discounts and updates changed ones, audited like mappings. */
  saveDiscounts(discounts: Discount[], audit?: AuditContext): Promise<UpsertSummary>;
  listDiscounts(): Promise<Discount[]>;
  /** Adds new (deployment, validFrom) reservations and updates changed ones, audited like mappings. */
  saveReservations(reservations: Reservation[], audit?: AuditContext): Promise<UpsertSummary>;
  listReservations(): Promise<Reservation[]>;
  /** Upserts by business unit, kind and validFrom. */
  saveMarkups(markups: Markup[], audit?: AuditContext): Promise<UpsertSummary>;
  listMarkups(): Promise<Markup[]>;
  /** Adds new split rules and replaces changed ones (by id), audited like mappings. */
  saveSplitRules(rules: SplitRule[], audit?: AuditContext): Promise<UpsertSummary>;
  /** Every split rule, by id. */
  listSplitRules(): Promise<SplitRule[]>;
  /** Deletes a split rule, audited (the rule before, nothing after); returns it, or null when there was no such rule. */
  removeSplitRule(id: string, audit?: AuditContext): Promise<SplitRule | null>;
  saveDeployments(deployments: Deployment[], audit?: AuditContext): Promise<UpsertSummary>;
  listDeployments(): Promise<Deployment[]>;
  /** Adds new (appId, validFrom) rows and updates changed ones; with `audit`, records each change in the same transaction. */
  saveOrgMappings(mappings: OrgMapping[], audit?: AuditContext): Promise<UpsertSummary>;
  listOrgMappings(): Promise<OrgMapping[]>;
  saveApps(apps: App[]): Promise<UpsertSummary>;
  listApps(): Promise<App[]>;
  /** Replaces the directory entries of these app ids. */
  saveDirectoryEntries(entries: DirectoryEntry[]): Promise<void>;
  listDirectoryEntries(): Promise<DirectoryEntry[]>;
}

/** Closed months: their frozen statements and the log of closes and reopens. */
export interface LedgerStore {
  getClosedMonth(month: string): Promise<ClosedMonth | null>;
  listClosedMonths(): Promise<ClosedMonth[]>;
  /** Frozen lines held by one closed month's statement, or every frozen line about one month's usage. */
  listStatementLines(filter: { month: string } | { forMonth: string }): Promise<CostedLine[]>;
  /** Freezes a month's statement and logs it, in one transaction. */
  saveClosedMonth(closed: ClosedMonth, lines: CostedLine[], log: MonthLogEntry): Promise<void>;
  /** Drops a month's frozen statement and logs why, in one transaction. */
  deleteClosedMonth(month: string, log: MonthLogEntry): Promise<void>;
  listMonthLog(): Promise<MonthLogEntry[]>;
}

/** A part of a month's materialized ledger, as JSON, with the stamp it was built from (lib/ledger/materializedMonth.ts). */
export type StoredLedgerPart = { stamp: string; builtAt: number; body: string };

/** Each month's materialized ledger, and the version of its usage that says when it is stale. */
export interface MaterializedLedgerStore {
  /** Changes (in the same transaction, where the store has one) whenever a usage batch adds to the month's rollups; "0" before any. */
  getUsageVersion(month: string): Promise<string>;
  getLedgerPart(month: string, part: string): Promise<StoredLedgerPart | null>;
  /** Writes these parts of the month's ledger in place of their earlier versions. */
  saveLedgerParts(month: string, stamp: string, builtAt: number, parts: readonly { part: string; body: string }[]): Promise<void>;
}

/** Imported Azure cost exports. */
export interface InvoiceStore {
  /**
   * Stores an export's lines in place of those of any earlier import with the same id (the same
   * content) and of the imports it `supersedes`, in one transaction where the store has them;
   * says whether it had been imported.
   */
  saveInvoiceImport(record: InvoiceImport, lines: InvoiceLine[], supersedes?: string[]): Promise<{ alreadyImported: boolean }>;
  /** Every import's lines for the UTC days in [fromDay, toDay). */
  listInvoiceLines(fromDay: string, toDay: string): Promise<InvoiceLine[]>;
  /** Imports, oldest first. */
  listInvoiceImports(): Promise<InvoiceImport[]>;
}

/** Who may do what: business unit owners, sign-in sessions, ingest keys and idempotency keys. */
export interface AccessStore {
  saveBusinessUnitOwners(owners: BusinessUnitOwner[], audit?: AuditContext): Promise<UpsertSummary>;
  /** Returns false when there was no such owner. */
  removeBusinessUnitOwner(businessUnit: string, principalId: string, audit?: AuditContext): Promise<boolean>;
  listBusinessUnitOwners(): Promise<BusinessUnitOwner[]>;
  saveIngestKey(key: IngestKey): Promise<void>;
  findIngestKey(id: string): Promise<IngestKey | null>;
  listIngestKeys(): Promise<IngestKey[]>;
  /** Returns false when there is no such key or it was already revoked. */
  revokeIngestKey(id: string, at: number): Promise<boolean>;
  /** Starts a session or, when its id is known, records it seen at `lastSeenAt`; a revoked session stays revoked. */
  saveSession(session: StoredSession): Promise<void>;
  findSession(id: string): Promise<StoredSession | null>;
  /** Revokes the sessions the filter names that are not revoked yet, and says how many. */
  revokeSessions(filter: SessionFilter, at: number): Promise<number>;
  /** Keeps the first body digest seen for an idempotency key (`http:<sender>:<key>`) and returns it, this one or the earlier. */
  saveIdempotencyKey(key: string, digest: string, at: number): Promise<string>;
}

/** How the system runs: its own health, price syncs, doctor runs and pipeline lag. */
export interface OperationsStore {
  /** Whether the store is reachable and its schema current (migrations applied, containers laid out). */
  checkHealth(): Promise<StoreHealth>;
  recordPriceSync(run: PriceSyncRun): Promise<void>;
  /** The latest runs, newest first. */
  listPriceSyncs(limit: number): Promise<PriceSyncRun[]>;
  recordDoctorRun(run: DoctorRun): Promise<void>;
  /** The latest recorded doctor run, or null when none was recorded. */
  getLastDoctorRun(): Promise<DoctorRun | null>;
  /** Replaces the consumer's last measured lag. */
  recordPipelineLag(lag: PipelineLag): Promise<void>;
  /** Every consumer's last measured lag, by consumer. */
  listPipelineLag(): Promise<PipelineLag[]>;
}

/** The audit log every audited save writes to. */
export interface AuditStore {
  /** The audit log, newest first; it has no update or delete. */
  listAudit(limit: number): Promise<AuditEntry[]>;
}

/** Budgets per scope, effective-dated and audited, and the decisions taken on anomalies. */
export interface BudgetStore {
  /** Adds new (scope, validFrom) budgets and updates changed ones, audited like mappings. */
  saveBudgets(budgets: Budget[], audit: AuditContext): Promise<UpsertSummary>;
  /** Every budget, by scope and validFrom. */
  listBudgets(): Promise<Budget[]>;
  /** Records (or replaces) what was decided on an anomaly, audited. */
  saveAnomalyDecisions(decisions: AnomalyDecision[], audit: AuditContext): Promise<UpsertSummary>;
  listAnomalyDecisions(): Promise<AnomalyDecision[]>;
}

/** The notification outbox: each message stored once by its key, then delivered (and retried) from it. */
export interface NotificationStore {
  /** Adds the notifications whose key is new, pending and due at once; a known key is left as it is. Says how many were added. */
  enqueueNotifications(notifications: OutgoingNotification[]): Promise<number>;
  /**
   * Claims up to `limit` pending notifications due at `at`: each claimed one is due again only at
   * `at + leaseMs`, so two workers never hold the same one, and one whose worker died is tried again.
   */
  claimDueNotifications(at: number, leaseMs: number, limit: number): Promise<StoredNotification[]>;
  /** Records an attempt: sent, or failed and due again at `retryAt`. */
  saveDeliveryOutcome(key: string, outcome: DeliveryOutcome): Promise<void>;
  /** The newest notifications first, for the delivery log. */
  listNotifications(limit: number): Promise<StoredNotification[]>;
}

/**
 * The one store port, by role; SQLite (embedded) and Cosmos DB (production) implement it alike.
 * Code takes the roles it uses (e.g. the ledger reads `ReportStore`), so what it may touch is in its type.
 */
export interface UsageStore
  extends UsageWrites,
    UsageReads,
    CatalogStore,
    LedgerStore,
    MaterializedLedgerStore,
    InvoiceStore,
    AccessStore,
    OperationsStore,
    AuditStore,
    BudgetStore,
    NotificationStore {
  close(): Promise<void>;
}

/** What reports, statements and reconciliation read. */
export type ReportStore = UsageReads & CatalogStore & LedgerStore & MaterializedLedgerStore & InvoiceStore;
