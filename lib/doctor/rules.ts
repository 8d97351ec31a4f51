import type { CosmosAccount, DoctorReport, EventHubNamespace, Finding, InspectedResource, StorageAccount } from "./resources";

type Problem = Omit<Finding, "resource">;

const OLD_TLS = /^(1\.0|1\.1|TLS1_0|TLS1_1|Tls|Tls11)$/i;
// "SecuredByPerimeter": a network security perimeter decides, not the public endpoint.
const isPublic = (publicNetworkAccess: string | undefined) => !["disabled", "securedbyperimeter"].includes((publicNetworkAccess ?? "Enabled").toLowerCase());
/** An IP rule that lets in (nearly) everyone filters nothing. */
const isEveryone = (range: string | undefined) => /^0\.0\.0\.0(\/[0-7])?$/.test(range ?? "");
// The shared access policy Azure creates with every namespace; any other was added by someone.
const DEFAULT_POLICY = "RootManageSharedAccessKey";

function eventHubNamespace(ns: EventHubNamespace): Problem[] {
  const problems: Problem[] = [];
  const rules = ns.networkRuleSet ?? {};
  const open = isPublic(ns.publicNetworkAccess) && isPublic(rules.publicNetworkAccess);
  const ipRules = (rules.ipRules ?? []).filter((r) => !isEveryone(r.ipMask));
  const noRules = ipRules.length === 0 && (rules.virtualNetworkRules ?? []).length === 0;
  if (open && (rules.defaultAction ?? "Allow") === "Deny" && noRules) {
    problems.push({
      rule: "eventhubs.selected-networks-without-rules",
      severity: "FAIL",
      why: 'The namespace is set to "Selected networks" with no IP or virtual network rule (or only a rule for every address): Event Hubs then applies no filter, so it is reachable from the whole Internet, private endpoint or not, and anyone holding a key can read or write the hub.',
      fix: "Set properties.publicNetworkAccess to Disabled (private endpoint only), or add at least one ipRules entry to the namespace's networkRuleSets/default.",
    });
  } else if (open && (rules.defaultAction ?? "Allow") === "Allow") {
    problems.push({
      rule: "eventhubs.all-networks",
      severity: "FAIL",
      why: "The namespace accepts connections from all networks: every team's usage crosses the public Internet to it.",
      fix: "Set properties.publicNetworkAccess to Disabled, or networkRuleSets/default defaultAction to Deny with at least one ipRules entry.",
    });
  }
  if (ns.disableLocalAuth !== true) {
    problems.push({
      rule: "eventhubs.local-auth",
      severity: "FAIL",
      why: "Shared access (SAS) keys are accepted: a key bypasses Entra ID and Conditional Access and works from anywhere the network allows.",
      fix: "Set properties.disableLocalAuth to true; APIM and the worker authenticate with managed identities.",
    });
  }
  const extra = (ns.authorizationRules ?? []).filter((name) => name !== DEFAULT_POLICY);
  if (extra.length > 0) {
    problems.push({
      rule: "eventhubs.extra-shared-access-policies",
      severity: ns.disableLocalAuth === true ? "WARN" : "FAIL",
      why: `Shared access policies ${extra.join(", ")} (of the namespace, or <hub>/<policy>) exist${ns.disableLocalAuth === true ? " (unusable while local auth is disabled, but they come back into force if it is re-enabled)" : ", each a key that bypasses Entra ID"}.`,
      fix: `Delete the authorization rules ${extra.join(", ")}.`,
    });
  }
  if (ns.minimumTlsVersion !== undefined && OLD_TLS.test(ns.minimumTlsVersion)) {
    problems.push({
      rule: "eventhubs.tls",
      severity: "FAIL",
      why: `TLS ${ns.minimumTlsVersion} is accepted.`,
      fix: "Set properties.minimumTlsVersion to 1.2.",
    });
  }
  return problems;
}

function storageAccount(sa: StorageAccount): Problem[] {
  const problems: Problem[] = [];
  if (sa.allowSharedKeyAccess !== false) {
    problems.push({
      rule: "storage.shared-key",
      severity: "FAIL",
      why: "Shared key access is allowed (it is unless set to false): the account key, or a SAS made from it, reads and rewrites the checkpoints without Entra ID, so events could be skipped or replayed.",
      fix: "Set properties.allowSharedKeyAccess to false.",
    });
  }
  if (sa.allowBlobPublicAccess === true) {
    problems.push({
      rule: "storage.public-blob",
      severity: "FAIL",
      why: "Containers may be made readable anonymously.",
      fix: "Set properties.allowBlobPublicAccess to false.",
    });
  }
  if (sa.minimumTlsVersion === undefined || OLD_TLS.test(sa.minimumTlsVersion)) {
    problems.push({
      rule: "storage.tls",
      severity: sa.minimumTlsVersion === undefined ? "WARN" : "FAIL",
      why: sa.minimumTlsVersion === undefined ? "No minimum TLS version is set: older accounts then accept TLS 1.0." : `${sa.minimumTlsVersion} is accepted.`,
      fix: "Set properties.minimumTlsVersion to TLS1_2.",
    });
  }
  if (isPublic(sa.publicNetworkAccess) && (sa.networkRuleSet?.defaultAction ?? "Allow") === "Allow") {
    problems.push({
      rule: "storage.all-networks",
      severity: "WARN",
      why: "The account accepts connections from all networks.",
      fix: "Set properties.publicNetworkAccess to Disabled (private endpoint), or networkAcls.defaultAction to Deny.",
    });
  }
  return problems;
}

function cosmosAccount(db: CosmosAccount): Problem[] {
  const problems: Problem[] = [];
  if (db.disableLocalAuth !== true) {
    problems.push({
      rule: "cosmos.key-auth",
      severity: "FAIL",
      why: "Account keys are accepted: a key reads and rewrites every business unit's usage and statements without Entra ID.",
      fix: "Set properties.disableLocalAuth to true, and give the worker and web identities the Cosmos DB Built-in Data Contributor role.",
    });
  }
  if ((db.ipRules ?? []).some((r) => r.ipAddressOrRange === "0.0.0.0")) {
    problems.push({
      rule: "cosmos.azure-datacenters",
      severity: "FAIL",
      why: "The IP rule 0.0.0.0 accepts connections from every Azure datacenter: any tenant's virtual machine or function, not only yours.",
      fix: "Remove 0.0.0.0 from properties.ipRules; reach the account through its private endpoint.",
    });
  }
  const ipRules = (db.ipRules ?? []).filter((r) => !isEveryone(r.ipAddressOrRange));
  if (isPublic(db.publicNetworkAccess) && ipRules.length === 0 && db.isVirtualNetworkFilterEnabled !== true) {
    problems.push({
      rule: "cosmos.all-networks",
      severity: "FAIL",
      why: "The account is open to all networks.",
      fix: "Set properties.publicNetworkAccess to Disabled (private endpoint), or add ipRules / virtual network rules with isVirtualNetworkFilterEnabled true.",
    });
  }
  const consistency = db.consistencyPolicy?.defaultConsistencyLevel ?? "Session";
  if (!["strong", "boundedstaleness"].includes(consistency.toLowerCase())) {
    problems.push({
      rule: "cosmos.consistency",
      severity: "FAIL",
      why: `Default consistency is ${consistency}: Chargeback recounts an app's day after writing it to catch a racing writer, which only works when reads see every committed write (Strong or BoundedStaleness); otherwise usage can be left out of the rollups.`,
      fix: "Set properties.consistencyPolicy.defaultConsistencyLevel to Strong (or BoundedStaleness).",
    });
  }
  if (db.minimalTlsVersion !== undefined && OLD_TLS.test(db.minimalTlsVersion)) {
    problems.push({ rule: "cosmos.tls", severity: "FAIL", why: `${db.minimalTlsVersion} is accepted.`, fix: "Set properties.minimalTlsVersion to Tls12." });
  }
  return problems;
}

function check(resource: InspectedResource): Problem[] {
  switch (resource.kind) {
    case "eventhub-namespace":
      return eventHubNamespace(resource.props);
    case "storage-account":
      return storageAccount(resource.props);
    case "cosmos-account":
      return cosmosAccount(resource.props);
    case "apim-logger":
      return resource.props.loggerType === "azureEventHub" && resource.props.credentials?.connectionString !== undefined
        ? [
            {
              rule: "apim.logger-connection-string",
              severity: "FAIL",
              why: "APIM sends to Event Hubs with a connection string: a shared key that must stay enabled on the namespace.",
              fix: 'Set properties.credentials to { "endpointAddress": "<namespace>.servicebus.windows.net", "identityClientId": "SystemAssigned", "name": "<hub>" } and grant APIM\'s identity Azure Event Hubs Data Sender.',
            },
          ]
        : [];
    case "container-app": {
      // Application Insights' connection string names where telemetry goes; its key only lets one
      // send telemetry (and nothing once the resource's local authentication is off), so it is no
      // shared key to the product's data.
      const keyed = resource.props.env.filter(
        (name) => /(_CONNECTION_STRING|^CHARGEBACK_COSMOS_KEY)$/.test(name) && name !== "APPLICATIONINSIGHTS_CONNECTION_STRING",
      );
      return keyed.length > 0
        ? [
            {
              rule: "app.connection-string",
              severity: "FAIL",
              why: `The app is configured with ${keyed.join(", ")}: shared keys are for local test servers only.`,
              fix: `Remove ${keyed.join(", ")}; set the managed-identity settings (namespace, blob URL, Cosmos endpoint) and AZURE_CLIENT_ID instead.`,
            },
          ]
        : [];
    }
  }
}

/** Every finding on these resources, failures first. */
export function runDoctor(source: string, resources: readonly InspectedResource[]): DoctorReport {
  const findings = resources.flatMap((r) => check(r).map((p) => ({ resource: r.id, ...p })));
  findings.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "FAIL" ? -1 : 1));
  return { source, checked: resources.map((r) => ({ kind: r.kind, id: r.id })), findings };
}
