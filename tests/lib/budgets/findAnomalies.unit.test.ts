import { describe, expect, it } from "vitest";
import { type DayPoint, findAnomalies } from "../../../lib/budgets/findAnomalies";
import { nextDay } from "../../../lib/core/months";
import { itemAt } from "../../../lib/core/arrays";
import { seededRandom } from "../../../ingest/worker/demo/random";

const WEEK = [0.3, 1, 1.05, 1.1, 1.05, 0.95, 0.25];
const SPIKE = "2026-11-18";

/**
 * Ten weeks of a unit's daily cost from two apps (about $600 and $300 a working day, ±10 %), with
 * the weekday pattern above; on SPIKE the Ticket Router's completions run away (five times its
 * usual completion tokens and cost).
 */
function generatedUnit(seed: number): DayPoint[] {
  const next = seededRandom(seed);
  const points: DayPoint[] = [];
  for (let day = "2026-09-10"; day < "2026-11-20"; day = nextDay(day)) {
    const w = itemAt(WEEK, new Date(`${day}T00:00:00Z`).getUTCDay());
    const spike = day === SPIKE ? 5 : 1;
    const chat = Math.round(60_000 * w * (0.9 + 0.2 * next()));
    const router = Math.round(30_000 * w * (0.9 + 0.2 * next()) * spike);
    points.push({
      day,
      cents: chat + router,
      parts: new Map([
        ["Support Chatbot", chat],
        ["Ticket Router", router],
      ]),
      tokens: new Map([
        ["promptTokens", Math.round(4_000_000 * w * (0.9 + 0.2 * next()))],
        ["completionTokens", Math.round(800_000 * w * (0.9 + 0.2 * next()) * (spike === 5 ? 5 : 1))],
      ]),
    });
  }
  return points;
}

const novemberDays = Array.from({ length: 19 }, (_, i) => `2026-11-${String(i + 1).padStart(2, "0")}`);

describe("anomalies against the same weekday's median and MAD", () => {
  it("flags a generated spike with its driver, and no ordinary day", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const found = findAnomalies({ kind: "unit", name: "Customer Care", partKind: "app", points: generatedUnit(seed) }, novemberDays);
      expect(found.map((a) => a.day)).toEqual([SPIKE]);
      const spike = itemAt(found, 0);
      expect(spike.key).toBe(`unit:Customer Care|${SPIKE}`);
      expect(spike.score).toBeGreaterThan(4);
      expect(spike.driver.part).toBe("Ticket Router");
      expect(spike.driver.partKind).toBe("app");
      expect(spike.driver.tokenKind).toBe("completionTokens");
      // The router's cost rose by about four times its usual $330 on a Wednesday.
      expect(spike.driver.deltaCents).toBeGreaterThan(100_000);
    }
  });

  it("flags a day that falls far below its baseline too, and says nothing without four weeks of history", () => {
    const points = generatedUnit(7).map((p) => (p.day === "2026-11-10" ? { ...p, cents: 0, parts: new Map(), tokens: new Map() } : p));
    expect(findAnomalies({ kind: "unit", name: "x", partKind: "app", points }, ["2026-11-10"]).map((a) => a.score < 0)).toEqual([true]);
    expect(findAnomalies({ kind: "unit", name: "x", partKind: "app", points: points.filter((p) => p.day >= "2026-10-25") }, [SPIKE])).toEqual([]);
  });
});
