import type { EventHubsClients } from "../sources/eventHubs";
import type { UsageStore } from "../../../lib/store/port";
import { checkStoreHealth } from "../../../lib/store/storeHealth";
import type { Check, ReadinessChecks } from "./healthServer";

const TIMEOUT_MS = 5_000;

async function within(ms: number, work: Promise<Check>, what: string): Promise<Check> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Check>((resolve) => (timer = setTimeout(() => resolve({ ok: false, problem: `${what}: no answer within ${ms / 1000} s` }), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export const storeCheck = (store: UsageStore) => async (): Promise<Check> => {
  const health = await checkStoreHealth(store, TIMEOUT_MS);
  return { ok: health.reachable && health.schemaCurrent, problem: health.problem };
};

/**
 * The Event Hubs worker is ready when its store answers, its checkpoint store answers (a list of
 * the partitions' owners), and it owns at least one partition. Run no more replicas than the hub
 * has partitions: a replica left without one reads as not ready, which is true of its work.
 */
export function eventHubsChecks(store: UsageStore, clients: EventHubsClients, owned: ReadonlySet<string>): ReadinessChecks {
  return {
    store: storeCheck(store),
    checkpointStore: () =>
      within(
        TIMEOUT_MS,
        clients.checkpoints.listOwnership(clients.consumer.fullyQualifiedNamespace, clients.hubName, clients.consumerGroup).then(
          () => ({ ok: true }),
          (error: Error) => ({ ok: false, problem: error.message.split("\n")[0] }),
        ),
        "checkpoint store",
      ),
    partitions: async () => (owned.size > 0 ? { ok: true } : { ok: false, problem: "owns no partition (yet)" }),
  };
}
