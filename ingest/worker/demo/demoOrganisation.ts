import { monthOf, now as clockNow } from "../../../lib/core/clock";
import { isProvisioned, type Deployment } from "../../../lib/pricing/deployment";
import { guid, pick, seededRandom } from "./random";

export type DemoApp = { appId: string; displayName: string; deployments: string[]; weight: number };
export type DemoDeployment = { deployment: string; model: string; region: string; sku: Deployment["sku"] };

const UNITS: Record<string, string[]> = {
  Stores: ["Store Assistant", "Product Search", "Catalog Enrichment", "Returns Triage", "Pricing Copilot", "Review Summaries", "Shelf Vision"],
  Finance: ["Invoice Reader", "Close Copilot", "Audit Sampler", "Expense Checker", "Treasury Notes", "Forecast Narratives"],
  "Customer Care": ["Support Chatbot", "Ticket Router", "Call Summaries", "Knowledge Search", "Sentiment Monitor", "Agent Assist", "Email Drafts"],
  Engineering: ["Code Review Bot", "Incident Summaries", "Docs Search", "Test Generator", "Log Explainer", "Migration Helper", "Release Notes"],
  "HR & Legal": ["Policy Q&A", "Contract Review", "Job Descriptions", "Onboarding Guide", "Benefits Helper", "Interview Notes", "Clause Finder"],
  Marketing: ["Campaign Writer", "SEO Briefs", "Social Listening", "Brand Checker", "Image Captions", "Persona Lab"],
};

export const DEMO_DEPLOYMENTS: DemoDeployment[] = [
  { deployment: "*", model: "", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "gpt-4o", model: "gpt-4o-2024-08-06", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "gpt-4o-eu", model: "gpt-4o-2024-11-20", region: "swedencentral", sku: "DataZoneStandard" },
  { deployment: "gpt-4o-mini", model: "gpt-4o-mini-2024-07-18", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "gpt-41", model: "gpt-4.1-2025-04-14", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "gpt-41-mini-eu", model: "gpt-4.1-mini-2025-04-14", region: "westeurope", sku: "DataZoneStandard" },
  { deployment: "gpt-41-nano", model: "gpt-4.1-nano-2025-04-14", region: "eastus2", sku: "Standard" },
  { deployment: "o4-mini", model: "o4-mini-2025-04-16", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "o3-mini", model: "o3-mini-2025-01-31", region: "swedencentral", sku: "DataZoneStandard" },
  { deployment: "gpt-5", model: "gpt-5-2025-08-07", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "gpt-5-mini", model: "gpt-5-mini-2025-08-07", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "gpt-5-nano-batch", model: "gpt-5-nano-2025-08-07", region: "eastus2", sku: "GlobalBatch" },
  { deployment: "embed-small", model: "text-embedding-3-small", region: "eastus2", sku: "Standard" },
  { deployment: "embed-large", model: "text-embedding-3-large", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "gpt-41-ptu", model: "gpt-4.1-2025-04-14", region: "eastus2", sku: "ProvisionedManaged" },
];

/** Deployments billed on token kinds and tiers of their own: called by demoBilledKinds.ts only, so the rest of the demo stays as it was. */
export const BILLED_KIND_DEPLOYMENTS: DemoDeployment[] = [
  { deployment: "gpt-56-sol", model: "gpt-5.6-sol", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "deepseek-r1", model: "DeepSeek-R1", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "gpt-realtime", model: "gpt-realtime-2025-08-28", region: "eastus2", sku: "GlobalStandard" },
  { deployment: "gpt-image-1", model: "gpt-image-1", region: "eastus2", sku: "GlobalStandard" },
];

/** Apps that also call the provisioned deployment, whose reservation they share. */
const PROVISIONED_APPS = new Set(["Support Chatbot", "Agent Assist", "Store Assistant"]);

/** Six business units, two cost centers each, 40 apps (three of them not yet mapped), as of `now`. */
export function demoOrganisation(now = clockNow()) {
  const movedOn = `${monthOf(now)}-01`;
  const random = seededRandom(20261123);
  const chat = DEMO_DEPLOYMENTS.filter((d) => d.deployment !== "*" && !d.deployment.startsWith("embed") && !isProvisioned(d.sku)).map((d) => d.deployment);
  const apps: DemoApp[] = [];
  const mappings: string[] = ["appId,costCenter,businessUnit,validFrom,validTo"];
  let unit = 0;
  for (const [businessUnit, names] of Object.entries(UNITS)) {
    unit++;
    names.forEach((name, i) => {
      const app: DemoApp = {
        appId: guid(random),
        displayName: name,
        deployments: [pick(random, chat), pick(random, chat), random() < 0.4 ? pick(random, ["embed-small", "embed-large"]) : pick(random, chat)],
        weight: 0.3 + random() * 2,
      };
      if (PROVISIONED_APPS.has(name)) app.deployments.push("gpt-41-ptu");
      apps.push(app);
      const costCenter = `CC-${unit}${i % 2 === 0 ? "10" : "20"}`;
      if (i === names.length - 1) return; // the last app of each unit but three stays unmapped below
      if (i === 1) {
        // This app moved to the unit's other cost center at the start of the current month.
        mappings.push(`${app.appId},CC-${unit}20,${businessUnit},2020-01-01,${movedOn}`);
        mappings.push(`${app.appId},CC-${unit}10,${businessUnit},${movedOn},`);
      } else mappings.push(`${app.appId},${costCenter},${businessUnit},2020-01-01,`);
    });
  }
  // Map three of the six "last" apps, leaving three unmapped for the admin queue.
  apps.filter((_, i) => [6, 12, 19].includes(i)).forEach((app, k) => mappings.push(`${app.appId},CC-${k + 1}10,${Object.keys(UNITS)[k]},2020-01-01,`));
  const deployments = [
    "deployment,model,region,sku",
    ...[...DEMO_DEPLOYMENTS, ...BILLED_KIND_DEPLOYMENTS].map((d) => `${d.deployment},${d.model},${d.region},${d.sku}`),
  ];
  return { apps, orgCsv: `${mappings.join("\n")}\n`, deploymentsCsv: `${deployments.join("\n")}\n`, ownersCsv: demoOwners() };
}

const OWNER_NAMES = ["Ana Lima", "Ben Okafor", "Chloe Martin", "Dev Patel", "Eva Novak", "Farid Haddad"];

/**
 * One owner per business unit, a group that owns Engineering, and one person who owns two units
 * (Stores beside its owner, and Marketing), so both kinds of owner and the unit chooser show.
 */
function demoOwners(): string {
  const random = seededRandom(7);
  const rows = ["businessUnit,principalType,principalId,displayName"];
  Object.keys(UNITS).forEach((businessUnit, i) => rows.push(`${businessUnit},user,${guid(random)},${OWNER_NAMES[i]}`));
  rows.push(`Engineering,group,${guid(random)},Engineering Leads`);
  // Drawn last, so the owners above keep the ids they had before this one was added.
  const twoUnits = guid(random);
  for (const businessUnit of ["Stores", "Marketing"]) rows.push(`${businessUnit},user,${twoUnits},Hugo Moreau`);
  return `${rows.join("\n")}\n`;
}
