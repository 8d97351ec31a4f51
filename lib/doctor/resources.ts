/**
 * What the doctor inspects, read alike from the live resources (Azure Resource Manager) and from a
 * template: each resource's properties flattened as the Azure SDK models give them.
 */
export type InspectedResource =
  | { kind: "eventhub-namespace"; id: string; props: EventHubNamespace }
  | { kind: "storage-account"; id: string; props: StorageAccount }
  | { kind: "cosmos-account"; id: string; props: CosmosAccount }
  | { kind: "apim-logger"; id: string; props: ApimLogger }
  | { kind: "container-app"; id: string; props: ContainerApp };

export type EventHubNamespace = {
  disableLocalAuth?: boolean;
  minimumTlsVersion?: string;
  publicNetworkAccess?: string;
  networkRuleSet?: { defaultAction?: string; publicNetworkAccess?: string; ipRules?: { ipMask?: string }[]; virtualNetworkRules?: unknown[] };
  /** Names of the shared access policies of the namespace and of its hubs ("<hub>/<policy>"). */
  authorizationRules?: string[];
};

export type StorageAccount = {
  allowSharedKeyAccess?: boolean | null;
  allowBlobPublicAccess?: boolean | null;
  minimumTlsVersion?: string;
  publicNetworkAccess?: string;
  networkRuleSet?: { defaultAction?: string };
};

export type CosmosAccount = {
  disableLocalAuth?: boolean;
  publicNetworkAccess?: string;
  ipRules?: { ipAddressOrRange?: string }[];
  isVirtualNetworkFilterEnabled?: boolean;
  minimalTlsVersion?: string;
  consistencyPolicy?: { defaultConsistencyLevel?: string };
};

export type ApimLogger = { loggerType?: string; credentials?: Record<string, string> };

/** Every environment variable a container of the app sets, by name. */
export type ContainerApp = { env: string[] };

export type Severity = "FAIL" | "WARN";
export type Finding = { resource: string; rule: string; severity: Severity; why: string; fix: string };
export type DoctorReport = { source: string; checked: { kind: InspectedResource["kind"]; id: string }[]; findings: Finding[] };
