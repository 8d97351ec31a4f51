import { describe, expect, it } from "vitest";
import { parseEventTime, utcDay } from "../../../lib/events/parseEventTime";

describe("event times", () => {
  it("are UTC whatever the machine's time zone", () => {
    // npm test runs with TZ set far from UTC, so a local-time parse would be off by hours.
    expect(new Date(2026, 0, 1).getTimezoneOffset()).not.toBe(0);
    expect(parseEventTime("11/21/2026 11:04:51 AM")).toBe(Date.UTC(2026, 10, 21, 11, 4, 51));
    expect(parseEventTime("2026-11-21T11:04:51")).toBe(Date.UTC(2026, 10, 21, 11, 4, 51));
    expect(utcDay(Date.UTC(2026, 9, 31, 23, 59, 59))).toBe("2026-10-31");
  });

  it.each(["13/1/2026 1:00:00 PM", "1/1/2026 13:00:00 PM", "1/1/2026 0:00:00 AM", "2026-13-01T00:00:00Z", "yesterday", ""])("rejects %j", (text) =>
    expect(parseEventTime(text)).toBeNull(),
  );
});

describe("impossible event times", () => {
  it("keep years before 100 as they are, not as 19xx", () => {
    expect(new Date(parseEventTime("1/1/0001 12:00:00 AM")!).toISOString()).toBe("0001-01-01T00:00:00.000Z");
    expect(new Date(parseEventTime("0099-06-01T00:00:00Z")!).toISOString()).toBe("0099-06-01T00:00:00.000Z");
  });

  it.each(["2026-11-10T10:00:00+99:99", "2026-11-10T10:00:00+15:00", "2026-11-10T10:00:00-14:30", "2026-11-10T10:00:00+05:60"])(
    "reject the offset no zone has in %j",
    (text) => expect(parseEventTime(text)).toBeNull(),
  );

  it("accept the offsets zones have, from -12:00 to +14:00", () => {
    expect(parseEventTime("2026-11-10T10:00:00+14:00")).toBe(Date.UTC(2026, 10, 9, 20));
    expect(parseEventTime("2026-11-10T10:00:00-12:00")).toBe(Date.UTC(2026, 10, 10, 22));
    expect(parseEventTime("2026-11-10T10:00:00+05:45")).toBe(Date.UTC(2026, 10, 10, 4, 15));
  });
});

describe("the canonical ISO time, read without regular expressions", () => {
  // A trailing space takes the general path (it is trimmed there): both must give the same instant.
  const general = (text: string) => parseEventTime(`${text} `);

  it("reads every millisecond as the general path does", () => {
    for (let ms = 0; ms < 1000; ms++) {
      const text = `2026-01-01T00:00:06.${String(ms).padStart(3, "0")}Z`;
      expect(parseEventTime(text)).toBe(general(text));
      expect(parseEventTime(text)).toBe(Date.UTC(2026, 0, 1, 0, 0, 6, ms));
    }
  });

  it.each([
    "2026-02-29T10:00:00.000Z",
    "2026-02-30T10:00:00.000Z",
    "2026-12-31T24:00:00.000Z",
    "2026-12-31T23:60:00.000Z",
    "2026-1a-01T00:00:00.000Z",
    "0099-06-01T00:00:00.500Z",
  ])("gives %j the general path's answer", (text) => expect(parseEventTime(text)).toBe(general(text)));

  it("gives every day of every month what a Date gives, and null for the days a Date rolls over", () => {
    // What times were read as when every one was set on a Date, its rolled-over days refused.
    const onDate = (y: number, mo: number, d: number) => {
      const date = new Date(Date.UTC(2000, 0, 1, 13, 4, 5, 6));
      date.setUTCFullYear(y, mo - 1, d);
      return date.getUTCDate() === d ? date.getTime() : null;
    };
    const pad = (n: number, width: number) => String(n).padStart(width, "0");
    for (const y of [1, 4, 99, 100, 400, 1600, 1900, 2000, 2024, 2026, 2100, 9999])
      for (let mo = 1; mo <= 12; mo++)
        for (let d = 1; d <= 32; d++) {
          expect(parseEventTime(`${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T13:04:05.006Z`)).toBe(onDate(y, mo, d));
          expect(parseEventTime(`${mo}/${d}/${pad(y, 4)} 1:04:05 PM`)).toBe(onDate(y, mo, d) === null ? null : (onDate(y, mo, d) as number) - 6);
        }
  });

  it("rejects what does not exist", () => {
    expect(parseEventTime("2026-02-30T10:00:00.000Z")).toBeNull();
    expect(parseEventTime("2028-02-29T23:59:59.999Z")).toBe(Date.UTC(2028, 1, 29, 23, 59, 59, 999));
  });
});
