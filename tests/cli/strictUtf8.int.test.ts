import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { QuarantinedEvent } from "../../lib/store/port";
import { json, runCli } from "../support/cli";
import { v1Event } from "../support/ingest";
import { freshStore } from "../support/store";
import { leading } from "../support/arrays";

// 0xC1 is never UTF-8. Decoded leniently, `m\xC1odel` became `m\uFFFDodel` (the model dropped) and
// the request ids `a\xFFb` and `a\xFEb` both became `a\uFFFDb`: one of the two calls vanished.
/** The line with one raw byte where `#` stands. */
const withByte = (line: string, byte: number) => {
  const [before, after] = leading(line.split("#"), 2);
  return Buffer.concat([Buffer.from(before), Buffer.from([byte]), Buffer.from(after)]);
};
const badKey = withByte(v1Event({ requestId: "bad-key" }).replace('"model":', '"m#odel":'), 0xc1);
const idWith = (byte: number) => withByte(v1Event({ requestId: "a#b" }), byte);

describe("lines that are not UTF-8", () => {
  it("are quarantined as their original bytes (base64), never decoded with replacement characters, and stay so on replay", async () => {
    const { file, dir, store } = freshStore();
    await store.close();
    const input = path.join(dir, "mixed.ndjson");
    const lines = [Buffer.from(v1Event({ requestId: "good-1" })), badKey, idWith(0xff), idWith(0xfe), Buffer.from(v1Event({ requestId: "good-2" }))];
    fs.writeFileSync(input, Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")])));
    const ingest = await runCli(["ingest", input], { db: file });
    expect(ingest.stderr).toBe("");
    expect(json(ingest)).toMatchObject({ accepted: 2, duplicates: 0, quarantined: 3 });
    const kept = json<QuarantinedEvent[]>(await runCli(["quarantine", "list", "--format", "json"], { db: file })).sort((a, b) =>
      a.source.localeCompare(b.source),
    );
    expect(kept.map((q) => [q.source, q.encoding, q.reason])).toEqual(
      [2, 3, 4].map((n) => [`${input}:${n}`, "base64", "not valid UTF-8: kept as its original bytes (base64)"]),
    );
    expect(kept.map((q) => Buffer.from(q.raw, "base64"))).toEqual([badKey, idWith(0xff), idWith(0xfe)]);
    expect(json(await runCli(["quarantine", "replay"], { db: file }))).toMatchObject({ accepted: 0, stillFailing: 3 });
    expect((await runCli(["quarantine", "list"], { db: file })).stdout).toContain("base64");
  });
});
