import "./filters.css";
import type { FilterOptions } from "@/lib/reports/filterOptions";
import { ENVIRONMENT_TAG, filterParams, type ReportQuery } from "@/lib/reports/reportFilters";
import { pageHref } from "./pageHref";
import { periodParams } from "./periodParams";

type Props = {
  path: string;
  query: ReportQuery;
  month: string;
  options: FilterOptions;
  /** Chips a page has no use for (a unit page is one unit already). */
  hide?: ("unit" | "cc" | "app" | "model" | "range")[];
  problem: string | null;
};

const LABEL: Record<string, string> = { unit: "Unit", cc: "Cost center", app: "App", model: "Model", tag: "Tag", env: "Environment" };
const RANGES = [
  ["month", "Month"],
  ["quarter", "Quarter to date"],
  ["ytd", "Year to date"],
  ["custom", "Custom (from – to)"],
] as const;

/**
 * The filter chips of a report page (each a link that removes it) and the form that adds them,
 * all in the address (GET): unit, cost center, app, model, a tag (key=value), the environment and
 * the period. Works without script.
 */
export function FilterBar({ path, query, month, options, hide = [], problem }: Props) {
  // A page that is one unit or model shows no chip for it.
  const active = filterParams(query.filters).filter(([name]) => !(hide as string[]).includes(name));
  const period = periodParams(query, month);
  const without = (i: number) => pageHref(path, [...period, ...active.filter((_, k) => k !== i)]);
  const apps = new Map(options.apps);
  const tag = query.filters.tags.find(([k]) => k !== ENVIRONMENT_TAG);
  const env = query.filters.tags.find(([k]) => k === ENVIRONMENT_TAG)?.[1];
  return (
    <section className="filters" aria-label="Filters">
      {problem && (
        <p className="note" role="alert" data-testid="filter-problem">
          {problem} Showing the report without that filter.
        </p>
      )}
      {active.length > 0 && (
        <ul className="chips" data-testid="filter-chips">
          {active.map(([name, value], i) => (
            <li key={`${name}=${value}`}>
              <a href={without(i)} aria-label={`Remove filter ${LABEL[name]}: ${value}`} data-testid="filter-chip">
                {LABEL[name]}: {name === "app" ? (apps.get(value) ?? value) : value} ×
              </a>
            </li>
          ))}
          <li>
            <a href={pageHref(path, period)}>Clear all</a>
          </li>
        </ul>
      )}
      <form method="get" action={path} className="inline-form filter-form">
        {!hide.includes("range") && (
          <>
            <label>
              Period{" "}
              <select name="range" defaultValue={query.range}>
                {RANGES.map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Month <input type="month" name="month" defaultValue={month} />
            </label>
            <label>
              From <input type="month" name="from" defaultValue={query.custom?.from ?? ""} />
            </label>
            <label>
              To <input type="month" name="to" defaultValue={query.custom?.to ?? ""} />
            </label>
          </>
        )}
        {hide.includes("range") && <input type="hidden" name="month" value={month} />}
        {!hide.includes("unit") && <Choice name="unit" label="Unit" value={query.filters.units[0]} options={options.units.map((u) => [u, u])} />}
        {!hide.includes("cc") && <Choice name="cc" label="Cost center" value={query.filters.costCenters[0]} options={options.costCenters.map((c) => [c, c])} />}
        {!hide.includes("app") && <Choice name="app" label="App" value={query.filters.apps[0]} options={options.apps} />}
        {!hide.includes("model") && <Choice name="model" label="Model" value={query.filters.models[0]} options={options.models.map((m) => [m, m])} />}
        <label>
          Tag <input name="tag" defaultValue={tag ? `${tag[0]}=${tag[1]}` : ""} placeholder="project=alpha" size={14} />
        </label>
        <label>
          Environment <input name="env" defaultValue={env ?? ""} placeholder="prod" size={6} />
        </label>
        <button type="submit">Apply</button>
      </form>
    </section>
  );
}

/** Past this many values a choice is typed, not picked: thousands of options were most of a page's HTML and render time at 5,000 apps. */
const MAX_LISTED = 300;

function Choice({ name, label, value, options }: { name: string; label: string; value: string | undefined; options: [string, string][] }) {
  if (options.length > MAX_LISTED)
    return (
      <label>
        {label} <input name={name} defaultValue={value ?? ""} placeholder={`any of ${options.length} (id)`} size={14} />
      </label>
    );
  return (
    <label>
      {label}{" "}
      <select name={name} defaultValue={value ?? ""}>
        <option value="">All</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
