import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli";
import { freshStore } from "../support/store";

describe("what the CLI prints", () => {
  it("escapes control bytes of quarantined lines (terminal escapes, bells, bidi overrides) in `quarantine list`", async () => {
    const { file, dir, store } = freshStore();
    await store.close();
    const input = path.join(dir, "hostile.ndjson");
    fs.writeFileSync(input, '{"appId":"\u001b[2J\u001b]0;owned\u0007","x":"\u202e"}\n');
    expect((await runCli(["ingest", input], { db: file })).status).toBe(0);
    const table = await runCli(["quarantine", "list"], { db: file });
    expect(table.status).toBe(0);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no control character may reach the terminal
    expect(table.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202e]/);
    expect(table.stdout).toContain("\\x1b[2J\\x1b]0;owned\\x07");
    expect(table.stdout).toContain("\\u202e");
  });
});
