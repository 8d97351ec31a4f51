import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createLineIdentities } from "../../../lib/events/lineIdentity";

const hashOf = (text: string) => createHash("sha256").update(text).digest("base64url").slice(0, 24);

describe("line identities", () => {
  it("are the line's hash and how many identical lines came before it", () => {
    const identify = createLineIdentities();
    const line = '{"appId":"a","promptTokens":1}';
    expect([identify(line), identify("other"), identify(line), identify(line)]).toEqual([
      `line:${hashOf(line)}:0`,
      `line:${hashOf("other")}:0`,
      `line:${hashOf(line)}:1`,
      `line:${hashOf(line)}:2`,
    ]);
  });

  it("hash the text's UTF-8 bytes, whatever characters it has", () => {
    const identify = createLineIdentities();
    for (const line of ['{"a":"é日本"}', "\uFEFF{}", "😀", "\u00ff"]) expect(identify(line)).toBe(`line:${hashOf(line)}:0`);
  });

  it("keep counting across many distinct lines (the table grows) and repeat on a re-read, appended lines included", () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `{"n":${i % 3_000}}`);
    const first = createLineIdentities();
    const once = lines.map(first);
    expect(new Set(once).size).toBe(5_000);
    expect(once[3_000]).toBe(`line:${hashOf('{"n":0}')}:1`);
    expect(once[2_999]).toBe(`line:${hashOf('{"n":2999}')}:0`);
    const again = createLineIdentities();
    const appended = [...lines, '{"n":0}', "new"].map(again);
    expect(appended.slice(0, 5_000)).toEqual(once);
    expect(appended.slice(5_000)).toEqual([`line:${hashOf('{"n":0}')}:2`, `line:${hashOf("new")}:0`]);
  });
});
