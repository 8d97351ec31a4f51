import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { dayOf, monthOf, parseInstant } from "../../lib/core/clock";
import { chargeReservation } from "../../lib/pricing/reservationCharges";
import { Reservation } from "../../lib/pricing/reservation";
import type { ChargebackReport } from "../../lib/reports/getChargebackReport";
import { monthDays, nextMonth, previousMonth } from "../../lib/core/months";
import { projectMonthEnd } from "../../lib/reports/projection";
import { retentionHorizon } from "../../lib/retention/retention";
import { json, runCli } from "../support/cli";
import { INSTANTS } from "../support/instants";

const HOUR_MS = 3_600_000;
const cents = (amount: string) => Number(amount.replace(".", ""));
const monthBefore = previousMonth;
const monthAfter = nextMonth;

describe.each(Object.entries(INSTANTS))("at %s (%s)", (_, instant) => {
  const at = parseInstant(instant)!;
  const month = monthOf(at);
  const dayOfMonth = Number(dayOf(at).slice(8, 10));
  const daysInMonth = (Date.parse(`${monthDays(month).to}T00:00:00Z`) - Date.parse(`${monthDays(month).from}T00:00:00Z`)) / 86_400_000;

  it("the month-end projection counts today, and only the month now is in", () => {
    expect(projectMonthEnd(month, 1_000n, at)).toEqual({
      daysElapsed: dayOfMonth,
      daysInMonth,
      projectedCents: (1_000n * BigInt(daysInMonth) + BigInt(dayOfMonth) / 2n) / BigInt(dayOfMonth),
    });
    expect(projectMonthEnd(monthBefore(month), 1_000n, at)).toBeNull();
    expect(projectMonthEnd(monthAfter(month), 1_000n, at)).toBeNull();
  });

  it("a reservation costs the hours of the month so far, the current hour included", () => {
    const r = Reservation.parse({ deployment: "ptu", units: 1, price: "1", per: "hour", currency: "USD", idle: "separate", validFrom: "2020-01-01" });
    const charged = chargeReservation(r, month, [], new Date(at).toISOString()).reduce((sum, c) => sum + c.atto, 0n);
    const hoursSoFar = Math.floor((at - Date.parse(`${month}-01T00:00:00Z`)) / HOUR_MS) + 1;
    expect(charged).toBe(BigInt(hoursSoFar) * 10n ** 18n);
  });

  it("the retention horizon is counted back from now in whole UTC days", () => {
    expect(retentionHorizon(at, 30)).toBe(dayOf(at - 30 * 86_400_000));
  });
});
describe("the demo, its reports and the month close follow the clock through the CLI", () => {
  // A few CLI processes on a store of its own per instant: one at a time, so none waits on the others.
  it.each(Object.entries(INSTANTS))("at %s (%s)", { timeout: 240_000 }, async (_, instant) => {
    const at = parseInstant(instant)!;
    const month = monthOf(at);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chargeback-instant-"));
    const db = path.join(dir, "chargeback.db");
    const env = { CHARGEBACK_NOW: instant };
    const load = await runCli(["demo", "load", "--dir", path.join(dir, "demo"), "--per-day", "40"], { db, env });
    expect(load.status, load.stderr).toBe(0);
    const report = async (m: string) => json<ChargebackReport>(await runCli(["report", "--month", m, "--by", "business-unit"], { db, env }));

    // History up to now, and not after: the current and the previous month open, the next empty.
    expect((await report(monthAfter(month))).total).toBe("0.00");
    const previous = await report(monthBefore(month));
    expect(previous.closed).toBeNull();
    expect(previous.rows.reduce((sum, row) => sum + cents(row.cost), 0) + cents(previous.unmapped.cost)).toBe(cents(previous.total));
    expect(cents(previous.total)).toBeGreaterThan(0);

    // The current month cannot be closed before it ends; the one before can, once.
    const early = await runCli(["month", "close", month, "--by", "test"], { db, env });
    expect(early).toMatchObject({ status: 1, stderr: `chargeback: ${month} has not ended yet: it can be closed from ${monthAfter(month)}-01 (UTC)\n` });
    // Months close in order: the demo's first month, then the one before now.
    const first = await runCli(["month", "close", monthBefore(monthBefore(month)), "--by", "test", "--accept-warnings"], { db, env });
    expect(first.status, first.stderr).toBe(0);
    const close = await runCli(["month", "close", monthBefore(month), "--by", "test", "--accept-warnings"], { db, env });
    expect(close.status, close.stderr).toBe(0);
    expect(json<{ closedAt: number }>(close).closedAt).toBe(at);
    expect((await report(monthBefore(month))).total).toBe(previous.total);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("CHARGEBACK_NOW", () => {
  it("takes only an instant that names its zone, on a day that exists", () => {
    expect(parseInstant("2028-02-29T16:00:00Z")).toBe(Date.UTC(2028, 1, 29, 16));
    expect(parseInstant("2026-11-15T12:00:00+05:30")).toBe(Date.UTC(2026, 10, 15, 6, 30));
    for (const bad of ["2027-02-29T00:00:00Z", "2026-11-15T12:00:00", "2026-11-15", "2026-13-01T00:00:00Z", "2026-11-15T24:00:00Z", "yesterday"])
      expect(parseInstant(bad), bad).toBeNull();
  });

  it("a malformed value is refused with what it should look like, before anything runs", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "chargeback-instant-"));
    const result = await runCli(["report", "--month", "2026-11"], { db: path.join(dir, "c.db"), env: { CHARGEBACK_NOW: "2026-02-30T00:00:00Z" } });
    expect(result.status).toBe(1);
    expect(result.stderr).toBe("chargeback: invalid configuration: CHARGEBACK_NOW: must be an ISO 8601 instant with its zone, e.g. 2026-11-15T12:00:00Z\n");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
