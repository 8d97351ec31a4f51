// The vocabulary of Retail Prices meter names. Azure abbreviates each idea several ways
// ("Inp", "inpt", "in"; "glbl", "Gl", "Dzone", "Data Zone"), so each word is looked up here.

export type MeterSku = "global" | "datazone" | "regional";
export type Side = "input" | "output";
export type Modality = "text" | "audio" | "image";

export const SIDE: Record<string, Side> = {
  in: "input",
  inp: "input",
  input: "input",
  inpt: "input",
  out: "output",
  outp: "output",
  output: "output",
  opt: "output",
  outpt: "output",
};

/** Cached input: "cached", "cchd", "cd", "Ch", "Cache" … */
export const CACHED = new Set(["cached", "cchd", "cd", "ccchd", "cched", "cache", "ch"]);

export const SKU: Record<string, MeterSku> = {
  glbl: "global",
  global: "global",
  gl: "global",
  dz: "datazone",
  dzone: "datazone",
  dzn: "datazone",
  datazone: "datazone",
  regnl: "regional",
  regional: "regional",
  rgnl: "regional",
  regn: "regional",
};

export const MODALITY: Record<string, Modality> = {
  txt: "text",
  text: "text",
  aud: "audio",
  audio: "audio",
  img: "image",
  image: "image",
};

/** Words that change the tier a meter prices, not the model it prices. */
export const TIER_WORDS = new Set(["batch", "pp", "priority", "std", "longco", "shortco", "l"]);

/** Words that mark a cache write ("Cd Wr"). */
export const WRITE = new Set(["wr", "write"]);
