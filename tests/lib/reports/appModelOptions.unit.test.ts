import { describe, expect, it } from "vitest";
import { appModelOptions } from "../../../lib/reports/appModelOptions";
import { ALL_UNITS, onlyUnits } from "../../../lib/reports/reportScope";

type Line = { businessUnit: string; model: string; kind: "usage" | "adjustment" | "trueup" | "markup" };
const line = (businessUnit: string, model: string, kind: Line["kind"] = "usage"): Line => ({ businessUnit, model, kind });

describe("an app page's model choices", () => {
  it("offers the models of a fully unmapped app to a caller who sees every unit, once each and sorted", () => {
    const lines = [line("", "gpt-4o"), line("", "gpt-4o-mini"), line("", "gpt-4o"), line("", "embedding-3")];
    expect(appModelOptions(lines, ALL_UNITS)).toEqual(["embedding-3", "gpt-4o", "gpt-4o-mini"]);
  });

  it("keeps an owner to the lines of units they own: no unmapped or other unit's models", () => {
    const lines = [line("Sales", "gpt-4o"), line("", "o3"), line("Legal", "gpt-4.1")];
    expect(appModelOptions(lines, onlyUnits(["Sales"]))).toEqual(["gpt-4o"]);
    expect(appModelOptions(lines, ALL_UNITS)).toEqual(["gpt-4.1", "gpt-4o", "o3"]);
  });

  it("leaves markups and nameless lines out: they are not a model", () => {
    expect(appModelOptions([line("Sales", "markup", "markup"), line("Sales", ""), line("Sales", "gpt-4o", "adjustment")], ALL_UNITS)).toEqual(["gpt-4o"]);
  });
});
