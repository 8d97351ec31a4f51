import { UserError } from "../core/errors";
import { evaluate } from "./armExpression";
import type { EventHubNamespace, InspectedResource } from "./resources";

type TemplateResource = { type?: string; name?: unknown; properties?: Record<string, unknown>; resources?: TemplateResource[] };
type Template = {
  $schema?: string;
  parameters?: Record<string, { defaultValue?: unknown }>;
  variables?: Record<string, unknown>;
  resources?: TemplateResource[];
};

/** Resolves every expression the doctor can, all the way down a resource's properties. */
function resolved(value: unknown, template: Template): unknown {
  const v = evaluate(value, template);
  if (Array.isArray(v)) return v.map((x) => resolved(x, template));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolved(x, template)]));
  return v;
}

/** Child resources (nested or top-level) named "<parent>/<child>", with their full type. */
function flatten(
  resources: readonly TemplateResource[],
  template: Template,
  parent?: { type: string; name: string },
): { type: string; name: string; properties: Record<string, unknown> }[] {
  return resources.flatMap((r) => {
    const ownName = String(evaluate(r.name, template) ?? "");
    const type = parent ? `${parent.type}/${r.type}` : String(r.type ?? "");
    const name = parent ? `${parent.name}/${ownName}` : ownName;
    const properties = (resolved(r.properties ?? {}, template) ?? {}) as Record<string, unknown>;
    return [{ type, name, properties }, ...flatten(r.resources ?? [], template, { type, name })];
  });
}

/** The resources an ARM template would deploy, as the doctor inspects them. */
export function resourcesOfTemplate(text: string, file: string): InspectedResource[] {
  let template: Template;
  try {
    template = JSON.parse(text) as Template;
  } catch (error) {
    throw new UserError(`${file}: not JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(template.resources)) throw new UserError(`${file}: not an ARM template (no resources array)`);
  const all = flatten(template.resources, template);
  const childrenOf = (type: string, parent: string) => all.filter((r) => r.type.toLowerCase() === type.toLowerCase() && r.name.startsWith(`${parent}/`));
  const id = (r: { type: string; name: string }) => `${r.type}/${r.name}`;
  return all.flatMap((r): InspectedResource[] => {
    const p = r.properties;
    switch (r.type.toLowerCase()) {
      case "microsoft.eventhub/namespaces": {
        const rules = childrenOf("Microsoft.EventHub/namespaces/networkRuleSets", r.name)[0]?.properties;
        const policies = [
          ...childrenOf("Microsoft.EventHub/namespaces/authorizationRules", r.name),
          ...childrenOf("Microsoft.EventHub/namespaces/eventhubs/authorizationRules", r.name),
        ].map((a) => a.name.slice(r.name.length + 1));
        return [{ kind: "eventhub-namespace", id: id(r), props: { ...(p as EventHubNamespace), networkRuleSet: rules, authorizationRules: policies } }];
      }
      case "microsoft.storage/storageaccounts":
        return [{ kind: "storage-account", id: id(r), props: { ...p, networkRuleSet: p.networkAcls as { defaultAction?: string } | undefined } }];
      case "microsoft.documentdb/databaseaccounts":
        return [{ kind: "cosmos-account", id: id(r), props: p }];
      case "microsoft.apimanagement/service/loggers":
        return [{ kind: "apim-logger", id: id(r), props: p }];
      case "microsoft.app/containerapps": {
        const containers = (p.template as { containers?: { env?: { name: string }[] }[] } | undefined)?.containers ?? [];
        return [{ kind: "container-app", id: id(r), props: { env: containers.flatMap((c) => (c.env ?? []).map((e) => e.name)) } }];
      }
      default:
        return [];
    }
  });
}
