import { describe, expect, it } from "vitest";
import { addBusinessUnitOwner, removeBusinessUnitOwner } from "../../../lib/auth/ownerChanges";
import type { Principal } from "../../../lib/auth/principal";
import { seal } from "../../../lib/auth/session";
import { beginSession, endSession, IDLE_TIMEOUT_MS, resumeSession } from "../../../lib/auth/sessions";
import { freshStore } from "../../support/store";

// Issue 24 item 2, on the real SQLite store. Session times are real time (Date.now()), so every
// instant here is relative to the moment the test runs.
const SECRET = "a-test-secret-that-is-long-enough-0123456789";
const ana: Principal = { id: "ana-0001", name: "Ana", roles: [], groups: [], method: "local" };
const gus: Principal = { id: "gus-0002", name: "Gus", roles: [], groups: ["group-leads"], method: "entra" };
const audit = { actor: "test", action: "owners", reason: "" };
const MINUTE = 60_000;

describe("server-side sessions", () => {
  it("a signed-out session's cookie opens nothing, even copied before signing out", async () => {
    const { store } = freshStore();
    const { token } = await beginSession(store, ana, SECRET);
    expect((await resumeSession(store, token, SECRET))?.principal).toEqual(ana);
    await endSession(store, token, SECRET);
    expect(await resumeSession(store, token, SECRET)).toBeNull();
  });

  it("ends after 30 minutes without a request, and a request within them keeps it going", async () => {
    const { store } = freshStore();
    const start = Date.now();
    const { token } = await beginSession(store, ana, SECRET, start);
    expect(await resumeSession(store, token, SECRET, start + 20 * MINUTE)).not.toBeNull();
    expect(await resumeSession(store, token, SECRET, start + 45 * MINUTE)).not.toBeNull();
    expect(await resumeSession(store, token, SECRET, start + 45 * MINUTE + IDLE_TIMEOUT_MS + 1)).toBeNull();
  });

  it("ends at its method's lifetime however busy, and a cookie sealed to live ten years opens nothing", async () => {
    const { store } = freshStore();
    const start = Date.now();
    const entra = await beginSession(store, gus, SECRET, start);
    for (const minute of [25, 50, 59]) expect(await resumeSession(store, entra.token, SECRET, start + minute * MINUTE)).not.toBeNull();
    expect(await resumeSession(store, entra.token, SECRET, start + 61 * MINUTE)).toBeNull();

    // The old cookie (a principal sealed alone) and one with a live session id, both sealed for ten years.
    const tenYears = 10 * 365 * 24 * 3600;
    expect(await resumeSession(store, await seal(ana, SECRET, "session", tenYears), SECRET)).toBeNull();
    const live = await beginSession(store, ana, SECRET);
    const sid = (await resumeSession(store, live.token, SECRET))!.sessionId;
    expect(await resumeSession(store, await seal({ sid, principal: ana }, SECRET, "session", tenYears), SECRET)).toBeNull();
    expect(await resumeSession(store, await seal({ sid, principal: ana }, SECRET, "session", 3600), SECRET)).not.toBeNull();
  });

  it("removing an owner ends their sessions, and a group's members'; adding one (a role change) ends theirs too", async () => {
    const { store } = freshStore();
    const anaSession = await beginSession(store, ana, SECRET);
    const gusSession = await beginSession(store, gus, SECRET);
    const other = await beginSession(store, { ...ana, id: "someone-else" }, SECRET);
    await addBusinessUnitOwner(store, { businessUnit: "Stores", principalType: "group", principalId: "group-leads", displayName: "Leads" }, audit);
    expect(await resumeSession(store, gusSession.token, SECRET)).toBeNull();

    const again = await beginSession(store, gus, SECRET);
    await addBusinessUnitOwner(store, { businessUnit: "Stores", principalType: "user", principalId: ana.id, displayName: "Ana" }, audit);
    expect(await resumeSession(store, anaSession.token, SECRET)).toBeNull();
    const anaAgain = await beginSession(store, ana, SECRET);
    expect(await removeBusinessUnitOwner(store, "Stores", ana.id, audit)).toBe(true);
    expect(await resumeSession(store, anaAgain.token, SECRET)).toBeNull();
    expect(await removeBusinessUnitOwner(store, "Stores", "group-leads", audit)).toBe(true);
    expect(await resumeSession(store, again.token, SECRET)).toBeNull();
    expect(await resumeSession(store, other.token, SECRET)).not.toBeNull();
  });
});
