import { now as clockNow } from "../core/clock";
import { priceFreshness } from "../pricing/syncRetailPrices";
import type { DoctorRun, PipelineLag, SourceActivity, UsageStore } from "../store/port";
import { ageText } from "./ageText";
import { ACTIVITY_WINDOW_MS, RATE_WINDOW_MS, type Status, statusOf, THRESHOLDS, worst } from "./thresholds";

/** One line of the status page: what is checked, its status, and the status said in words. */
export type HealthCheck = { key: string; label: string; status: Status; detail: string };
export type SourceHealth = SourceActivity & { perMinute: number; status: Status; detail: string };
export type PipelineHealth = { at: number; checks: HealthCheck[]; sources: SourceHealth[] };

type Inputs = {
  sources: SourceActivity[];
  lags: PipelineLag[];
  prices: { lastGood: number | null; failingSince: number | null; lastError: string | null };
  lastGraphSync: number | null;
  graphApps: number;
  doctor: DoctorRun | null;
  openQuarantine: number;
};

const ago = (at: number, then: number) => ageText(at - then);

function sourceHealth(s: SourceActivity, at: number): SourceHealth {
  const status = statusOf(at - s.lastReceivedAt, THRESHOLDS.events);
  const perMinute = s.recent / (RATE_WINDOW_MS / 60_000);
  return { ...s, perMinute, status, detail: `last event ${ago(at, s.lastReceivedAt)}` };
}

function workerChecks(lags: PipelineLag[], at: number): HealthCheck[] {
  if (lags.length === 0)
    return [
      { key: "heartbeat", label: "Event Hubs worker", status: "amber", detail: "no Event Hubs worker has reported (the embedded demo worker has no hub)" },
    ];
  return lags.flatMap((l) => {
    const waiting = l.partitions.reduce((sum, p) => sum + p.lag, 0);
    return [
      {
        key: `heartbeat:${l.consumer}`,
        label: `Worker heartbeat, ${l.consumer}`,
        status: statusOf(at - l.at, THRESHOLDS.heartbeat),
        detail: `last reported ${ago(at, l.at)}`,
      },
      {
        key: `lag:${l.consumer}`,
        label: `Lag, ${l.consumer}`,
        status: statusOf(waiting, THRESHOLDS.lag),
        detail: `${waiting} events waiting over ${l.partitions.length} partitions`,
      },
    ];
  });
}

function doctorCheck(doctor: DoctorRun | null, at: number): HealthCheck {
  const label = "Security check (doctor)";
  if (!doctor) return { key: "doctor", label, status: "amber", detail: "never recorded (run chargeback doctor --record)" };
  const fails = doctor.findings.filter((f) => f.severity === "FAIL").length;
  const warns = doctor.findings.length - fails;
  const findings = fails > 0 ? "red" : warns > 0 ? "amber" : "green";
  const status = worst(findings, statusOf(at - doctor.at, THRESHOLDS.doctor));
  return { key: "doctor", label, status, detail: `${fails} failed, ${warns} warnings, ${ago(at, doctor.at)}` };
}

/** The status page's judgement of what the store holds: pure, so every threshold is unit-tested. */
export function assessHealth(input: Inputs, at: number): PipelineHealth {
  const sources = input.sources.map((s) => sourceHealth(s, at));
  const lastEvent = sources.length === 0 ? null : Math.max(...sources.map((s) => s.lastReceivedAt));
  const { prices } = input;
  const checks: HealthCheck[] = [
    lastEvent === null
      ? { key: "events", label: "Data freshness", status: "red", detail: "no event received in the last 24 hours" }
      : { key: "events", label: "Data freshness", status: statusOf(at - lastEvent, THRESHOLDS.events), detail: `last event received ${ago(at, lastEvent)}` },
    ...workerChecks(input.lags, at),
    prices.lastGood === null
      ? { key: "prices", label: "Price sync", status: "red", detail: "prices were never synced" }
      : {
          key: "prices",
          label: "Price sync",
          status: worst(statusOf(at - prices.lastGood, THRESHOLDS.prices), prices.failingSince === null ? "green" : "amber"),
          detail: `last good sync ${ago(at, prices.lastGood)}${prices.failingSince === null ? "" : `; failing since ${ago(at, prices.failingSince)}: ${prices.lastError}`}`,
        },
    input.lastGraphSync === null
      ? { key: "graph", label: "Microsoft Graph sync", status: "amber", detail: "app names were never looked up: apps show by id" }
      : {
          key: "graph",
          label: "Microsoft Graph sync",
          status: statusOf(at - input.lastGraphSync, THRESHOLDS.graph),
          detail: `${ago(at, input.lastGraphSync)} (${input.graphApps} apps)`,
        },
    doctorCheck(input.doctor, at),
    {
      key: "quarantine",
      label: "Quarantine",
      status: input.openQuarantine === 0 ? "green" : "amber",
      detail: input.openQuarantine === 0 ? "no event waiting" : `${input.openQuarantine} events waiting for a replay or a discard`,
    },
  ];
  return { at, checks, sources };
}

/** Reads what the status page judges, from any store. */
export async function getPipelineHealth(store: UsageStore, at = clockNow()): Promise<PipelineHealth> {
  const [sources, lags, prices, directory, doctor, quarantined] = await Promise.all([
    store.listSourceActivity(at - ACTIVITY_WINDOW_MS, at - RATE_WINDOW_MS),
    store.listPipelineLag(),
    priceFreshness(store),
    store.listDirectoryEntries(),
    store.getLastDoctorRun(),
    store.listQuarantined("open"),
  ]);
  const lastGraphSync = directory.length === 0 ? null : Math.max(...directory.map((e) => e.syncedAt));
  return assessHealth({ sources, lags, prices, lastGraphSync, graphApps: directory.length, doctor, openQuarantine: quarantined.length }, at);
}
