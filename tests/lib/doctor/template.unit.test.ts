import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../../../lib/doctor/armExpression";
import { resourcesOfTemplate } from "../../../lib/doctor/fromTemplate";
import { runDoctor } from "../../../lib/doctor/rules";

const FILE = path.resolve(__dirname, "..", "..", "..", "deploy", "azure", "chargeback.json");
const shipped = () => JSON.parse(fs.readFileSync(FILE, "utf8")) as { resources: Record<string, any>[] };
const ofType = (template: { resources: Record<string, any>[] }, type: string) => template.resources.find((r) => r.type === type)!;
const check = (template: unknown) => runDoctor("t.json", resourcesOfTemplate(JSON.stringify(template), "t.json"));
const rules = (template: unknown) => check(template).findings.map((f) => `${f.severity} ${f.rule}`);

describe("the shipped template", () => {
  it("deploys every inspected resource and passes every doctor rule", () => {
    const report = check(shipped());
    expect(report.checked.map((c) => c.kind).sort()).toEqual([
      "apim-logger",
      "container-app",
      "container-app",
      "cosmos-account",
      "eventhub-namespace",
      "storage-account",
    ]);
    expect(report.findings).toEqual([]);
  });

  it("holds the Cosmos containers and partition keys the store creates", () => {
    const account = ofType(shipped(), "Microsoft.DocumentDB/databaseAccounts");
    const database = account.resources.find((r: { type: string }) => r.type === "sqlDatabases");
    expect(Object.fromEntries(database.resources.map((c: any) => [c.name, c.properties.resource.partitionKey.paths[0]]))).toEqual({
      usage: "/pk",
      quarantine: "/id",
      identities: "/id",
      reference: "/kind",
      months: "/month",
    });
  });

  it("would fail, rule by rule, were a protection removed", () => {
    const open = shipped();
    const ns = ofType(open, "Microsoft.EventHub/namespaces");
    ns.properties.publicNetworkAccess = "Enabled";
    ns.resources.find((r: { type: string }) => r.type === "networkRuleSets").properties.publicNetworkAccess = "Enabled";
    expect(rules(open)).toEqual(["FAIL eventhubs.selected-networks-without-rules"]);

    const keys = shipped();
    delete ofType(keys, "Microsoft.Storage/storageAccounts").properties.allowSharedKeyAccess;
    ofType(keys, "Microsoft.EventHub/namespaces").properties.disableLocalAuth = false;
    ofType(keys, "Microsoft.DocumentDB/databaseAccounts").properties.disableLocalAuth = false;
    ofType(keys, "Microsoft.ApiManagement/service/loggers").properties.credentials = {
      name: "usage",
      connectionString: "[parameters('eventHubConnectionString')]",
    };
    ofType(keys, "Microsoft.App/containerApps").properties.template.containers[0].env.push({ name: "CHARGEBACK_COSMOS_KEY", secretRef: "cosmos-key" });
    // The shipped APPLICATIONINSIGHTS_CONNECTION_STRING is not a key to data; this is.
    ofType(keys, "Microsoft.App/containerApps").properties.template.containers[0].env.push({ name: "CHARGEBACK_EVENTHUB_CONNECTION_STRING", value: "x" });
    expect(rules(keys).sort()).toEqual([
      "FAIL apim.logger-connection-string",
      "FAIL app.connection-string",
      "FAIL cosmos.key-auth",
      "FAIL eventhubs.local-auth",
      "FAIL storage.shared-key",
    ]);

    const loose = shipped();
    const cosmos = ofType(loose, "Microsoft.DocumentDB/databaseAccounts");
    cosmos.properties.consistencyPolicy = { defaultConsistencyLevel: "Session" };
    cosmos.properties.publicNetworkAccess = "Enabled";
    cosmos.properties.ipRules = [{ ipAddressOrRange: "0.0.0.0" }];
    const eventHubs = ofType(loose, "Microsoft.EventHub/namespaces");
    eventHubs.properties.publicNetworkAccess = "Enabled";
    const networkRules = eventHubs.resources.find((r: { type: string }) => r.type === "networkRuleSets");
    Object.assign(networkRules.properties, { publicNetworkAccess: "Enabled", ipRules: [{ ipMask: "0.0.0.0/0", action: "Allow" }] });
    eventHubs.resources
      .find((r: { type: string }) => r.type === "eventhubs")
      .resources.push({ type: "authorizationRules", name: "apim", properties: { rights: ["Send"] } });
    delete ofType(loose, "Microsoft.Storage/storageAccounts").properties.minimumTlsVersion;
    expect(rules(loose).sort()).toEqual([
      "FAIL cosmos.all-networks",
      "FAIL cosmos.azure-datacenters",
      "FAIL cosmos.consistency",
      "FAIL eventhubs.selected-networks-without-rules",
      "WARN eventhubs.extra-shared-access-policies",
      "WARN storage.tls",
    ]);
  });
});

describe("template expressions", () => {
  const template = { parameters: { prefix: { defaultValue: "cb" }, secret: {} }, variables: { ns: "[format('{0}-eh-{1}', parameters('prefix'), 'x')]" } };
  it("resolves parameters, variables, concat and format, and leaves anything else as written", () => {
    expect(evaluate("[variables('ns')]", template)).toBe("cb-eh-x");
    expect(evaluate("[concat(parameters('prefix'), '/default')]", template)).toBe("cb/default");
    expect(evaluate("[uniqueString(resourceGroup().id)]", template)).toBe("[uniqueString(resourceGroup().id)]");
    expect(evaluate("[parameters('secret')]", template)).toBe("[parameters('secret')]");
    expect(evaluate("[[not an expression]", template)).toBe("[[not an expression]");
    expect(evaluate(true, template)).toBe(true);
  });
});
