import { describe, expect, it } from "vitest";
import { Conflict, Forbidden, IdempotencyKeyReused, NotFound, TooManyRequests, Unauthenticated, UserError } from "../../../lib/core/errors";
import { StoreFailure } from "../../../lib/store/storeFailure";
import { responseForError } from "../../../app/_server/errorResponse";

const answer = async (error: unknown) => {
  const response = responseForError(error);
  return response && { status: response.status, body: await response.json(), cacheControl: response.headers.get("cache-control") };
};

describe("a thrown error as the API's answer", () => {
  it.each([
    [new UserError("month: must be YYYY-MM"), 400, "invalid_input"],
    [new Unauthenticated("sign in first"), 401, "unauthenticated"],
    [new Forbidden("you may not see that business unit"), 403, "forbidden"],
    [new NotFound("no such app"), 404, "not_found"],
    [new Conflict("2026-11 is not closed yet"), 409, "conflict"],
    [new IdempotencyKeyReused("k1"), 422, "idempotency_key_reused"],
    [new StoreFailure("the store could not be reached", 75), 503, "unavailable"],
  ])("%s is %i with code %s, its sentence kept as `error`", async (error, status, code) => {
    expect(await answer(error)).toEqual({ status, body: { error: error.message, code }, cacheControl: "no-store" });
  });

  it("says the same of a raw store error it recognises (a full disk)", async () => {
    const full = Object.assign(new Error("database or disk is full"), { code: "SQLITE_FULL" });
    expect(await answer(full)).toMatchObject({ status: 503, body: { code: "unavailable", error: expect.stringContaining("disk holding the store is full") } });
  });

  it("keeps the headers an error asks for", () => {
    expect(responseForError(new TooManyRequests("wait", { "retry-after": "1" }))?.headers.get("retry-after")).toBe("1");
  });

  it("lets a bug through, to be logged as a 500", () => {
    expect(responseForError(new TypeError("x is undefined"))).toBeNull();
  });
});
