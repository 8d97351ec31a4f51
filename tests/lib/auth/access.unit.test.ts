import { describe, expect, it } from "vitest";
import { canSeeUnit, may, resolveCaller } from "../../../lib/auth/access";
import { localPersonas } from "../../../lib/auth/localPersonas";
import type { Principal } from "../../../lib/auth/principal";
import { rolesFromClaim } from "../../../lib/auth/roles";
import type { BusinessUnitOwner } from "../../../lib/org/businessUnitOwner";
import { itemAt } from "../../../lib/core/arrays";

const ANA = "aaaaaaaa-0000-4000-8000-000000000001";
const LEADS = "bbbbbbbb-0000-4000-8000-000000000002";
const OWNERS: BusinessUnitOwner[] = [
  { businessUnit: "Retail", principalType: "user", principalId: ANA, displayName: "Ana" },
  { businessUnit: "Engineering", principalType: "group", principalId: LEADS, displayName: "Engineering Leads" },
  { businessUnit: "Marketing", principalType: "group", principalId: LEADS, displayName: "Engineering Leads" },
];
const person = (id: string, roles: Principal["roles"] = [], groups: string[] = []): Principal => ({ id, name: id, roles, groups, method: "entra" });

describe("who may see and do what", () => {
  it("finance and admins see every unit; only admins change owners and only finance closes months", () => {
    const finance = resolveCaller(person("f", ["finance"]), OWNERS);
    const admin = resolveCaller(person("a", ["admin"]), OWNERS);
    expect([canSeeUnit(finance, "Anything"), canSeeUnit(admin, "Anything")]).toEqual([true, true]);
    expect([may(finance, "owners:write"), may(admin, "owners:write")]).toEqual([false, true]);
    expect([may(finance, "months:close"), may(admin, "months:close")]).toEqual([true, false]);
  });

  it("a user owns units directly or through a group, matched case-insensitively, and sees nothing else", () => {
    const ana = resolveCaller(person(ANA.toUpperCase()), OWNERS);
    expect(ana.ownedUnits).toEqual(["Retail"]);
    expect([canSeeUnit(ana, "Retail"), canSeeUnit(ana, "Engineering")]).toEqual([true, false]);
    const lead = resolveCaller(person("cccccccc-0000-4000-8000-000000000003", [], [LEADS.toUpperCase()]), OWNERS);
    expect(lead.ownedUnits).toEqual(["Engineering", "Marketing"]);
    const nobody = resolveCaller(person("dddddddd-0000-4000-8000-000000000004"), OWNERS);
    expect(nobody.ownedUnits).toEqual([]);
    expect(canSeeUnit(nobody, "Retail")).toBe(false);
    expect(may(nobody, "owners:write")).toBe(false);
  });

  it("reads only the Chargeback app roles from the token's roles claim", () => {
    expect(rolesFromClaim(["Chargeback.Admin", "Other.Role", 7, "Chargeback.Finance"])).toEqual(["finance", "admin"]);
    expect(rolesFromClaim("Chargeback.Admin")).toEqual([]);
    expect(rolesFromClaim(undefined)).toEqual([]);
  });

  it("offers finance, an admin, each owning user and a member of each owning group as local personas", () => {
    const personas = localPersonas(OWNERS);
    expect(personas.map((p) => [p.name, p.description])).toEqual([
      ["Finance analyst", "Every business unit; closes months"],
      ["Platform admin", "Every business unit; maps apps and owners"],
      ["Ana", "Owner of Retail"],
      ["Member of Engineering Leads", "Owner of Engineering, Marketing"],
    ]);
    const member = itemAt(personas, 3);
    expect(resolveCaller(member, OWNERS).ownedUnits).toEqual(["Engineering", "Marketing"]);
  });
});
