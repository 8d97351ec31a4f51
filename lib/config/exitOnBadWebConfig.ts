import { loadTelemetryConfig } from "./telemetryConfig";
import { loadWebConfig } from "./webConfig";

/** Stops the web server before it serves anything when its sign-in (or log and telemetry) settings are wrong, saying why in one line. */
export function exitOnBadWebConfig(): void {
  try {
    loadWebConfig();
    loadTelemetryConfig();
  } catch (error) {
    console.error(`chargeback web: ${(error as Error).message}`);
    process.exit(1);
  }
}
