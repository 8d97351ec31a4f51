import { z } from "zod";
import { UserError } from "../errors";
import { DEFAULT_DATABASE_URL } from "./databaseUrl";

/** Every process (web, worker, CLI) reads its settings through this one schema, once. */
export const Config = z.object({
  CHARGEBACK_DATABASE_URL: z.string().trim().min(1).default(DEFAULT_DATABASE_URL),
  CHARGEBACK_STORE: z.enum(["sqlite"], { error: "CHARGEBACK_STORE must be sqlite (cosmos arrives with the production path)" }).default("sqlite"),
  // The currency reports are priced in: the Retail Prices API's prices for it (sync them with
  // `chargeback prices sync --currency`); other than USD they are reference prices.
  CHARGEBACK_CURRENCY: z.string().regex(/^[A-Z]{3}$/, "CHARGEBACK_CURRENCY must be a three-letter ISO code such as USD or EUR").default("USD"),
});
export type Config = z.infer<typeof Config>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = Config.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  throw new UserError(`invalid configuration: ${problems}`);
}
