import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { DoctorReport } from "../../../lib/doctor/resources";
import { runCli } from "../../support/cli";
import { startArmStandIn, type ArmFailures, type ArmResponses, type ArmStandIn } from "../../support/armStandIn";
import { freshStore } from "../../support/store";

const RECORDED = JSON.parse(fs.readFileSync(path.resolve(__dirname, "..", "..", "fixtures", "arm", "resource-group.json"), "utf8")) as {
  subscriptionId: string;
  resourceGroup: string;
  responses: ArmResponses;
};
const base = `/subscriptions/${RECORDED.subscriptionId}/resourceGroups/${RECORDED.resourceGroup}/providers`;
const namespace = `${base}/Microsoft.EventHub/namespaces/cb-usage-ehns`;

/** The recorded resource group with some responses' bodies changed. */
function recorded(change: (r: Record<string, any>) => void = () => {}): ArmResponses {
  const responses = structuredClone(RECORDED.responses) as Record<string, any>;
  change(responses);
  return responses;
}

let arm: ArmStandIn | undefined;
afterEach(async () => {
  await arm?.close();
  arm = undefined;
});

async function doctor(responses: ArmResponses, extra: string[] = [], db?: string, failures: ArmFailures = {}) {
  arm = await startArmStandIn(responses, failures);
  const result = await runCli(["doctor", "--subscription", RECORDED.subscriptionId, "--resource-group", RECORDED.resourceGroup, ...extra], {
    db,
    env: { CHARGEBACK_ARM_URL: arm.url, NODE_EXTRA_CA_CERTS: arm.caFile },
  });
  return { ...result, report: extra.includes("json") ? (JSON.parse(result.stdout) as DoctorReport) : null };
}

const failing = (report: DoctorReport | null) =>
  (report?.findings ?? []).filter((f) => f.severity === "FAIL").map((f) => `${f.rule} ${f.resource.split("/").at(-1)}`);

describe("chargeback doctor against Azure Resource Manager", () => {
  it("fails a namespace on Selected networks with no IP rule, and every shared key it finds, with why and the property to change", async () => {
    const { status, report } = await doctor(recorded(), ["--format", "json"]);
    expect(status).toBe(3);
    expect(report?.checked.map((c) => c.kind)).toEqual(["eventhub-namespace", "storage-account", "cosmos-account", "apim-logger", "container-app"]);
    expect(failing(report).sort()).toEqual([
      "apim.logger-connection-string chargeback-eventhub",
      "app.connection-string chargeback-worker",
      "cosmos.all-networks cb-usage-db",
      "cosmos.consistency cb-usage-db",
      "cosmos.key-auth cb-usage-db",
      "eventhubs.extra-shared-access-policies cb-usage-ehns",
      "eventhubs.local-auth cb-usage-ehns",
      "eventhubs.selected-networks-without-rules cb-usage-ehns",
      "storage.shared-key cbcheckpoints",
    ]);
    const open = report!.findings.find((f) => f.rule === "eventhubs.selected-networks-without-rules")!;
    expect(open.resource).toBe(namespace);
    expect(open.why).toContain("reachable from the whole Internet");
    expect(open.fix).toContain("publicNetworkAccess");
    expect(report!.findings.find((f) => f.rule === "storage.all-networks")?.severity).toBe("WARN");
    // The hub's own policy, which APIM connection strings are usually made from, counts too.
    expect(report!.findings.find((f) => f.rule === "eventhubs.extra-shared-access-policies")?.fix).toBe(
      "Delete the authorization rules apim-send, usage/apim-logger.",
    );
  });

  it("passes the namespace once it has an IP rule and local auth is off", async () => {
    const { report } = await doctor(
      recorded((r) => {
        r[`${namespace}/networkRuleSets/default`].properties.ipRules = [{ ipMask: "203.0.113.0/24", action: "Allow" }];
        r[`${base}/Microsoft.EventHub/namespaces`].value[0].properties.disableLocalAuth = true;
        r[`${namespace}/authorizationRules`].value.pop();
        r[`${namespace}/eventhubs/usage/authorizationRules`].value = [];
      }),
      ["--format", "json"],
    );
    expect(report!.findings.filter((f) => f.resource === namespace)).toEqual([]);
    expect(failing(report)).toContain("storage.shared-key cbcheckpoints");
  });

  it("prints findings as text and records the run for the admin page", async () => {
    const { store, file } = freshStore();
    const { status, stdout } = await doctor(recorded(), ["--record"], file);
    expect(status).toBe(3);
    expect(stdout).toMatch(/^subscription .+ resource group rg-chargeback: 5 resources checked, 9 failed, 1 warnings\nFAIL /);
    expect(stdout).toContain("     fix: Set properties.allowSharedKeyAccess to false.");
    const last = await store.getLastDoctorRun();
    expect(last?.findings).toHaveLength(10);
    expect(last?.source).toBe(`subscription ${RECORDED.subscriptionId} resource group rg-chargeback`);
  });

  it("says which role is missing when Resource Manager refuses, in one line", async () => {
    const { status, stderr } = await doctor(recorded(), [], undefined, {
      [`${base}/Microsoft.Storage/storageAccounts`]: {
        status: 403,
        body: {
          error: {
            code: "AuthorizationFailed",
            message: "The client 'cb-doctor' does not have authorization to perform action 'Microsoft.Storage/storageAccounts/read'.",
          },
        },
      },
    });
    expect(status).toBe(1);
    expect(stderr).toBe(
      "chargeback: Azure Resource Manager refused to list storage accounts in resource group rg-chargeback (403 AuthorizationFailed): the identity running the doctor needs the Reader role on the resource group\n",
    );
  });
});
