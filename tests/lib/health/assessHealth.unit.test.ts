import { describe, expect, it } from "vitest";
import { assessHealth } from "../../../lib/health/getPipelineHealth";
import { THRESHOLDS } from "../../../lib/health/thresholds";
import type { DoctorRun } from "../../../lib/store/port";

const AT = Date.parse("2026-11-15T12:00:00Z");
const MIN = 60_000;
const calm = {
  sources: [{ source: "eventhub:hub/0", lastReceivedAt: AT - MIN, recent: 30 }],
  lags: [{ consumer: "hub/$Default", at: AT - MIN, partitions: [{ partitionId: "0", lastEnqueuedSequenceNumber: 10, checkpointedSequenceNumber: 9, lag: 1 }] }],
  prices: { lastGood: AT - 60 * MIN, failingSince: null, lastError: null },
  lastGraphSync: AT - 60 * MIN,
  graphApps: 3,
  doctor: { at: AT - 60 * MIN, source: "rg", checked: [], findings: [] } as DoctorRun,
  openQuarantine: 0,
};
const statusOf = (input: Parameters<typeof assessHealth>[0], key: string) => assessHealth(input, AT).checks.find((c) => c.key.startsWith(key));

describe("the status page's judgement", () => {
  it("is green everywhere when every part reported within its threshold, and says so in words", () => {
    const health = assessHealth(calm, AT);
    expect(health.checks.map((c) => [c.key, c.status])).toEqual([
      ["events", "green"],
      ["heartbeat:hub/$Default", "green"],
      ["lag:hub/$Default", "green"],
      ["prices", "green"],
      ["graph", "green"],
      ["doctor", "green"],
      ["quarantine", "green"],
    ]);
    expect(health.sources).toEqual([
      { source: "eventhub:hub/0", lastReceivedAt: AT - MIN, recent: 30, perMinute: 2, status: "green", detail: "last event 1 min ago" },
    ]);
    expect(statusOf(calm, "events")?.detail).toBe("last event received 1 min ago");
  });

  it("turns a quiet source amber at its amber threshold and red at its red one", () => {
    const quiet = (ms: number) => ({ ...calm, sources: [{ source: "s", lastReceivedAt: AT - ms, recent: 0 }] });
    expect(statusOf(quiet(THRESHOLDS.events.amber - 1), "events")?.status).toBe("green");
    expect(statusOf(quiet(THRESHOLDS.events.amber), "events")?.status).toBe("amber");
    expect(statusOf(quiet(THRESHOLDS.events.red), "events")?.status).toBe("red");
    expect(statusOf({ ...calm, sources: [] }, "events")).toMatchObject({ status: "red", detail: "no event received in the last 24 hours" });
  });

  it("judges the worker by its heartbeat and its lag, and says when no worker reported", () => {
    const lag = (at: number, waiting: number) => ({
      ...calm,
      lags: [{ ...calm.lags[0]!, at, partitions: [{ ...calm.lags[0]!.partitions[0]!, lag: waiting }] }],
    });
    expect(statusOf(lag(AT - THRESHOLDS.heartbeat.amber, 0), "heartbeat")?.status).toBe("amber");
    expect(statusOf(lag(AT - THRESHOLDS.heartbeat.red, 0), "heartbeat")?.status).toBe("red");
    expect(statusOf(lag(AT, THRESHOLDS.lag.amber), "lag")).toMatchObject({
      status: "amber",
      detail: `${THRESHOLDS.lag.amber} events waiting over 1 partitions`,
    });
    expect(statusOf(lag(AT, THRESHOLDS.lag.red), "lag")?.status).toBe("red");
    expect(statusOf({ ...calm, lags: [] }, "heartbeat")?.status).toBe("amber");
  });

  it("ages price and Graph syncs, and a failing price sync is at least amber", () => {
    expect(statusOf({ ...calm, prices: { lastGood: AT - THRESHOLDS.prices.red, failingSince: null, lastError: null } }, "prices")?.status).toBe("red");
    expect(statusOf({ ...calm, prices: { lastGood: AT - MIN, failingSince: AT - MIN, lastError: "503" } }, "prices")).toMatchObject({ status: "amber" });
    expect(statusOf({ ...calm, prices: { lastGood: null, failingSince: null, lastError: null } }, "prices")?.status).toBe("red");
    expect(statusOf({ ...calm, lastGraphSync: AT - THRESHOLDS.graph.amber }, "graph")?.status).toBe("amber");
    expect(statusOf({ ...calm, lastGraphSync: null }, "graph")?.status).toBe("amber");
  });

  it("is red on a failed doctor rule, amber on a warning or an old or missing check, and amber on waiting quarantine", () => {
    const finding = (severity: "FAIL" | "WARN") => ({ resource: "a", rule: "r", severity, why: "w", fix: "f" });
    expect(statusOf({ ...calm, doctor: { ...calm.doctor, findings: [finding("FAIL")] } }, "doctor")?.status).toBe("red");
    expect(statusOf({ ...calm, doctor: { ...calm.doctor, findings: [finding("WARN")] } }, "doctor")?.status).toBe("amber");
    expect(statusOf({ ...calm, doctor: { ...calm.doctor, at: AT - THRESHOLDS.doctor.amber } }, "doctor")?.status).toBe("amber");
    expect(statusOf({ ...calm, doctor: null }, "doctor")?.status).toBe("amber");
    expect(statusOf({ ...calm, openQuarantine: 2 }, "quarantine")).toMatchObject({ status: "amber", detail: "2 events waiting for a replay or a discard" });
  });
});
