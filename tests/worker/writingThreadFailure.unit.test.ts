import { describe, expect, it } from "vitest";
import { errorOf, failureOf } from "../../ingest/worker/parallel/writingThread";
import { Conflict, Unavailable, UserError, UserErrors } from "../../lib/core/errors";
import { StoreFailure } from "../../lib/store/storeFailure";
import { failureOf as exitOf } from "../../ingest/cli/exitCodes";

// A failure crosses from the writing thread as plain data (structured clone keeps no class): the
// CLI must print and exit exactly as it would for the error thrown on its own thread.
const across = (error: unknown) => errorOf(structuredClone(failureOf(error)));

describe("a failure on the writing thread, thrown on the main one", () => {
  it("keeps a user error's kind, code and lines", () => {
    for (const error of [new UserError("bad line"), new Conflict("taken"), new UserErrors(["one", "two"])]) {
      expect(exitOf(across(error))).toEqual(exitOf(error));
    }
    expect(across(new Conflict("taken"))).toBeInstanceOf(UserError);
  });

  it("keeps a store failure's message, exit code and stack", () => {
    const busy = Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY" });
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    for (const error of [busy, full, new StoreFailure("said in full", 74), new Unavailable("try later")]) {
      expect(exitOf(across(error))).toEqual(exitOf(error));
    }
    expect(exitOf(across(busy)).exitCode).toBe(75);
    expect(across(busy)).toBeInstanceOf(StoreFailure);
    expect(across(busy).stack).toBe(busy.stack);
  });

  it("leaves a bug a bug, with its stack", () => {
    const bug = new TypeError("x is undefined");
    expect(exitOf(across(bug))).toEqual(exitOf(bug));
    expect(across(bug).stack).toBe(bug.stack);
  });
});
