import { loadWebConfig } from "./webConfig";

/** Stops the web server before it serves anything when its sign-in settings are wrong, saying why in one line. */
export function exitOnBadWebConfig(): void {
  try {
    loadWebConfig();
  } catch (error) {
    console.error(`chargeback web: ${(error as Error).message}`);
    process.exit(1);
  }
}
