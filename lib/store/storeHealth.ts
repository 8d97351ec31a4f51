import type { StoreHealth, UsageStore } from "./port";

type Checkable = UsageStore & { checkHealth(): Promise<StoreHealth> };
const canCheck = (store: UsageStore): store is Checkable => typeof (store as Partial<Checkable>).checkHealth === "function";

/**
 * The store's health for a readiness probe, within `timeoutMs`: a store that does not answer in
 * time is not ready (a probe must not hang on it). A store without a check (a test double) is ready.
 */
export async function checkStoreHealth(store: UsageStore, timeoutMs = 5_000): Promise<StoreHealth> {
  if (!canCheck(store)) return { reachable: true, schemaCurrent: true };
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
