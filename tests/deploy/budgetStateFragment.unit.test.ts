import fs from "node:fs";
import path from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { GetBudgetStateResponse } from "../../lib/budgets/budgetState";
import { itemAt } from "../../lib/core/arrays";

const APIM = path.resolve(__dirname, "..", "..", "deploy", "apim");
const FRAGMENT = fs.readFileSync(path.join(APIM, "budget-state-fragment.xml"), "utf8");
const POLICY = fs.readFileSync(path.join(APIM, "chargeback-policy.xml"), "utf8");
const fragment = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(FRAGMENT).fragment;
const outer = fragment.choose.when;
const [lookup, refuse] = outer.choose;

describe("the APIM budget state fragment", () => {
  it("is a well-formed policy fragment, off by default: the chargeback policy does not include it", () => {
    expect(XMLValidator.validate(FRAGMENT)).toBe(true);
    expect(fragment).toBeDefined();
    expect(POLICY).not.toContain("include-fragment");
    expect(FRAGMENT).toContain('<include-fragment fragment-id="chargeback-budget-state" />');
  });

  it("asks only for calls whose app the chargeback policy identified, by its chargebackAppId variable", () => {
    expect(outer.condition).toContain('context.Variables.GetValueOrDefault("chargebackAppId", "")');
    expect(POLICY).toContain('<set-variable name="chargebackAppId"');
  });

  it("caches each app's state in APIM for 60 s, keyed by the app", () => {
    const key = '@("chargeback-budget-state-" + (string)context.Variables["chargebackAppId"])';
    expect(outer["cache-lookup-value"]).toEqual({ key, "variable-name": "chargebackBudgetState" });
    expect(lookup.when.condition).toBe('@(!context.Variables.ContainsKey("chargebackBudgetState"))');
    expect(lookup.when["cache-store-value"]).toMatchObject({ key, duration: "60" });
  });

  it("asks Chargeback's state endpoint with the app escaped, as the intake's managed identity, failing open", () => {
    const ask = lookup.when["send-request"];
    expect(ask).toMatchObject({ mode: "new", timeout: "5", "ignore-error": "true", "set-method": "GET" });
    expect(ask["set-url"]).toBe('@("{{chargeback-budget-state-url}}?appId=" + Uri.EscapeDataString((string)context.Variables["chargebackAppId"]))');
    expect(ask["authentication-managed-identity"]).toEqual({ resource: "{{chargeback-intake-audience}}" });
    const kept = lookup.when["set-variable"].value as string;
    expect(kept).toContain('response.StatusCode != 200) { return "{}"; }');
    expect(kept).toContain('catch (Exception) { return "{}"; }');
    // Anything but an explicit allowed: false lets the call through.
    expect(refuse.when.condition).toContain('state["allowed"].Type == JTokenType.Boolean && !(bool)state["allowed"]');
    expect(refuse.when.condition).toContain("catch (Exception) { return false; }");
  });

  it("answers 429 with the state's message and Retry-After, reading only fields the endpoint sends", () => {
    const response = refuse.when["return-response"];
    expect(response["set-status"]).toEqual({ code: "429", reason: "Budget used up" });
    const [retryAfter, contentType] = response["set-header"];
    expect(retryAfter.name).toBe("Retry-After");
    expect(retryAfter.value).toContain('["retryAfterSeconds"]');
    expect(contentType.value).toBe("application/json");
    expect(response["set-body"]).toContain('["message"]');
    expect(response["set-body"]).toContain('new JProperty("code", "BudgetExhausted")');
    const read = [...FRAGMENT.matchAll(/\[&quot;(\w+)&quot;\]/g)].map((m) => itemAt(m, 1)).filter((f) => !f.startsWith("chargeback"));
    expect(new Set(read)).toEqual(new Set(["allowed", "retryAfterSeconds", "message"]));
    for (const field of read) expect(Object.keys(GetBudgetStateResponse.shape)).toContain(field);
  });
});
