import { describe, expect, it } from "vitest";
import { parseEventLine } from "../../../lib/events/parseEventLine";

const v1 = (extra: Record<string, unknown>) =>
  JSON.stringify({
    schema: "chargeback/v1",
    requestId: "r-1",
    time: "2026-11-21T11:04:51Z",
    appId: "app-1",
    deployment: "chat",
    model: "gpt-4o-2024-08-06",
    promptTokens: 10,
    completionTokens: 2,
    totalTokens: 12,
    status: 200,
    ...extra,
  });

function parsed(extra: Record<string, unknown>) {
  const result = parseEventLine(v1(extra));
  if (!result.ok) throw new Error(result.reason);
  return result.event;
}

describe("tags and end users on chargeback/v1 events", () => {
  it("keeps tags (keys lower-cased, values trimmed) and the end user", () => {
    const e = parsed({ tags: { Project: " apollo ", "feature.flag": "x-1" }, endUser: "alice@contoso.example" });
    expect(e.tags).toEqual({ project: "apollo", "feature.flag": "x-1" });
    expect(e.endUser).toBe("alice@contoso.example");
    expect(e.warnings).toBeUndefined();
  });

  it("leaves both out when the event has none, or only empty ones, without a warning", () => {
    expect(parsed({})).not.toHaveProperty("tags");
    const e = parsed({ tags: { project: "" }, endUser: "  " });
    expect(e).not.toHaveProperty("tags");
    expect(e).not.toHaveProperty("endUser");
    expect(e.warnings).toBeUndefined();
  });

  it("drops what breaks a limit with a warning each, and still accepts the event with its tokens", () => {
    const tags: Record<string, unknown> = { "bad key!": "x", long: "v".repeat(129), num: 5, ["k".repeat(33)]: "x" };
    for (let i = 0; i < 11; i++) tags[`t${String(i).padStart(2, "0")}`] = `v${i}`;
    const e = parsed({ tags, endUser: "u".repeat(129) });
    expect(e.totalTokens).toBe(12);
    expect(Object.keys(e.tags!)).toEqual(["t00", "t01", "t02", "t03", "t04", "t05", "t06", "t07", "t08", "t09"]);
    expect(e).not.toHaveProperty("endUser");
    expect(e.warnings).toEqual([
      "tag dropped: key not 1-32 of [a-z0-9_.-]",
      "tag long dropped: value over 128 characters",
      "tag num dropped: value not a string",
      "tag dropped: key not 1-32 of [a-z0-9_.-]",
      "tag t10 dropped: over 10 tags",
      "endUser dropped: over 128 characters",
    ]);
  });

  it("drops tags that are not an object and an end user that is not a string", () => {
    expect(parsed({ tags: ["a"], endUser: 42 }).warnings).toEqual(["tags dropped: not an object of strings", "endUser dropped: not a string"]);
    expect(parsed({ tags: "project=apollo" }).warnings).toEqual(["tags dropped: not an object of strings"]);
  });
});
