import { afterAll, beforeAll } from "vitest";
import { type Azurite, startAzurite } from "./azurite";
import { type EventHubsStandIn, startEventHubsStandIn } from "./eventHubsStandIn";
import { workerStore } from "./workerProcess";

export type EventHubsRig = {
  hub: EventHubsStandIn;
  azurite: Azurite;
  target: ReturnType<typeof workerStore>;
  /** Takes the checkpoint store away mid-test (it is not closed again after). */
  stopAzurite: () => Promise<void>;
};

/**
 * The Event Hubs stand-in (2 partitions) and Azurite for the checkpoints, started once for a
 * `describe` and closed after it, with a worker store of its own unless `store: false`. Read its
 * fields inside tests: they are set when the describe starts.
 */
export function useEventHubsRig({ store = true }: { store?: boolean } = {}): EventHubsRig {
  let stopped = false;
  const rig = {
    stopAzurite: async () => {
      stopped = true;
      await rig.azurite.close();
    },
  } as EventHubsRig;
  beforeAll(async () => {
    [rig.hub, rig.azurite] = await Promise.all([startEventHubsStandIn({ partitions: 2 }), startAzurite()]);
    if (store) rig.target = workerStore();
  });
  afterAll(async () => {
    await rig.target?.close();
    await Promise.all([rig.hub?.close(), stopped ? undefined : rig.azurite?.close()]);
  });
  return rig;
}
