import type * as OtelApi from "@opentelemetry/api";

// On globalThis, as the API keeps its own providers: Next.js bundles instrumentation.ts (which
// starts telemetry) apart from the route handlers (which record), each with its own modules.
const shared = globalThis as { chargebackOtelApi?: typeof OtelApi };

/**
 * The OpenTelemetry API, once `startTelemetry` has handed it over; until then undefined, and every
 * metric, span and trace id is a no-op. The API package alone takes ~50 ms to load: a CLI command
 * that never starts telemetry should not pay for it.
 */
export const otelApi = (): typeof OtelApi | undefined => shared.chargebackOtelApi;

export function provideOtelApi(loaded: typeof OtelApi | undefined): void {
  shared.chargebackOtelApi = loaded;
}
