import { ApiManagementClient } from "@azure/arm-apimanagement";
import { ContainerAppsAPIClient } from "@azure/arm-appcontainers";
import { CosmosDBManagementClient } from "@azure/arm-cosmosdb";
import { EventHubManagementClient } from "@azure/arm-eventhub";
import { StorageManagementClient } from "@azure/arm-storage";
import { UserError } from "../core/errors";
import type { ArmAccess } from "./armAccess";
import type { InspectedResource } from "./resources";

export type ArmTarget = { subscriptionId: string; resourceGroup: string };

const ROLE_NEEDED = "the identity running the doctor needs the Reader role on the resource group";

/** Turns Resource Manager's refusals into one line that says what to grant or fix. */
async function reading<T>(what: string, target: ArmTarget, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const { statusCode, code } = error as { statusCode?: number; code?: string };
    if (statusCode === 401 || statusCode === 403)
      throw new UserError(
        `Azure Resource Manager refused to list ${what} in resource group ${target.resourceGroup} (${statusCode} ${code ?? ""}): ${ROLE_NEEDED}`,
      );
    if (statusCode === 404)
      throw new UserError(`Azure Resource Manager found no resource group ${target.resourceGroup} in subscription ${target.subscriptionId} (${code ?? "404"})`);
    throw error;
  }
}

async function all<T>(items: AsyncIterable<T>): Promise<T[]> {
  const list: T[] = [];
  for await (const item of items) list.push(item);
  return list;
}

/** The pipeline's resources in one resource group, read through the Azure SDK management clients. */
export async function resourcesInAzure({ endpoint, credential }: ArmAccess, target: ArmTarget): Promise<InspectedResource[]> {
  const { subscriptionId, resourceGroup: rg } = target;
  const options = { endpoint };
  const eventHubs = new EventHubManagementClient(credential, subscriptionId, options);
  const storage = new StorageManagementClient(credential, subscriptionId, options);
  const cosmos = new CosmosDBManagementClient(credential, subscriptionId, options);
  const apim = new ApiManagementClient(credential, subscriptionId, options);
  const apps = new ContainerAppsAPIClient(credential, subscriptionId, options);

  const namespaces = await reading("Event Hubs namespaces", target, async () =>
    Promise.all(
      (await all(eventHubs.namespaces.listByResourceGroup(rg))).map(async (ns): Promise<InspectedResource> => {
        const [rules, policies, hubs] = await Promise.all([
          eventHubs.namespaces.getNetworkRuleSet(rg, ns.name!),
          all(eventHubs.namespaces.listAuthorizationRules(rg, ns.name!)),
          all(eventHubs.eventHubs.listByNamespace(rg, ns.name!)),
        ]);
        // APIM connection strings are usually made from a hub's own policy, not the namespace's.
        const hubPolicies = await Promise.all(
          hubs.map(async (hub) => (await all(eventHubs.eventHubs.listAuthorizationRules(rg, ns.name!, hub.name!))).map((p) => `${hub.name}/${p.name}`)),
        );
        return {
          kind: "eventhub-namespace",
          id: ns.id!,
          props: { ...ns, networkRuleSet: rules, authorizationRules: [...policies.map((p) => p.name!), ...hubPolicies.flat()] },
        };
      }),
    ),
  );
  const accounts = await reading("storage accounts", target, () => all(storage.storageAccounts.listByResourceGroup(rg)));
  const databases = await reading("Cosmos DB accounts", target, () => all(cosmos.databaseAccounts.listByResourceGroup(rg)));
  const loggers = await reading("API Management loggers", target, async () =>
    (await Promise.all((await all(apim.apiManagementService.listByResourceGroup(rg))).map((s) => all(apim.logger.listByService(rg, s.name!))))).flat(),
  );
  const containerApps = await reading("container apps", target, () => all(apps.containerApps.listByResourceGroup(rg)));
  return [
    ...namespaces,
    ...accounts.map((a): InspectedResource => ({ kind: "storage-account", id: a.id!, props: { ...a, networkRuleSet: a.networkRuleSet } })),
    ...databases.map((d): InspectedResource => ({ kind: "cosmos-account", id: d.id!, props: d })),
    ...loggers.map((l): InspectedResource => ({ kind: "apim-logger", id: l.id!, props: { loggerType: l.loggerType, credentials: l.credentials } })),
    ...containerApps.map(
      (a): InspectedResource => ({
        kind: "container-app",
        id: a.id!,
        props: { env: (a.template?.containers ?? []).flatMap((c) => (c.env ?? []).map((e) => e.name!)) },
      }),
    ),
  ];
}
