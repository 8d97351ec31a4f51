import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { EXIT_INTERNAL, EXIT_USAGE, EXIT_USER_ERROR, failureOf } from "../../ingest/cli/exitCodes";
import { Conflict, NotFound, Unavailable, UserError, UserErrors } from "../../lib/core/errors";
import { StoreFailure } from "../../lib/store/storeFailure";

describe("a failed command's message and exit code", () => {
  it("is one line and 1 for any mistake the user can fix", () => {
    for (const error of [new UserError("--month: must be YYYY-MM"), new NotFound("no such app"), new Conflict("2026-11 is closed")])
      expect(failureOf(error)).toEqual({ lines: [error.message], exitCode: EXIT_USER_ERROR });
  });

  it("is a line per problem for several at once", () => {
    expect(failureOf(new UserErrors(["A must be set", "B must be a number"]))).toEqual({ lines: ["A must be set", "B must be a number"], exitCode: 1 });
  });

  it("follows sysexits for a store or service away: the store's own 74/75, else 75", () => {
    expect(failureOf(new StoreFailure("the disk is full", 74))).toEqual({ lines: ["the disk is full"], exitCode: 74 });
    expect(failureOf(Object.assign(new Error("busy"), { code: "SQLITE_BUSY" })).exitCode).toBe(75);
    expect(failureOf(new Unavailable("the price API is down"))).toEqual({ lines: ["the price API is down"], exitCode: 75 });
  });

  it("leaves commander's usage errors to commander (2), and help is no failure", () => {
    expect(failureOf(new CommanderError(1, "commander.unknownOption", "unknown option"))).toEqual({ lines: [], exitCode: EXIT_USAGE });
    expect(failureOf(new CommanderError(0, "commander.helpDisplayed", "(outputHelp)"))).toEqual({ lines: [], exitCode: 0 });
  });

  it("calls a bug an internal error (70)", () => {
    expect(failureOf(new TypeError("x is undefined"))).toEqual({ lines: ["internal error: x is undefined"], exitCode: EXIT_INTERNAL });
  });
});
