import type { OperationsStore, StoreHealth } from "./port";

/**
 * The store's health for a readiness probe, within `timeoutMs`: a store that does not answer in
 * time is not ready (a probe must not hang on it).
 */
export async function checkStoreHealth(store: Pick<OperationsStore, "checkHealth">, timeoutMs = 5_000): Promise<StoreHealth> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<StoreHealth>((resolve) => {
    timer = setTimeout(() => resolve({ reachable: false, schemaCurrent: false, problem: `no answer within ${timeoutMs / 1000} s` }), timeoutMs);
  });
  try {
    return await Promise.race([store.checkHealth().catch((error: Error) => ({ reachable: false, schemaCurrent: false, problem: error.message })), late]);
  } finally {
    clearTimeout(timer);
  }
}
