import { EventHubProducerClient, type EventData } from "@azure/event-hubs";
import { BlobCheckpointStore } from "@azure/eventhubs-checkpointstore-blob";
import { ContainerClient } from "@azure/storage-blob";
import type { UsageStore } from "../../lib/store/port";
import type { Azurite } from "./azurite";
import type { EventHubsStandIn } from "./eventHubsStandIn";

/** Sends events with the real producer client, in as few batches as fit, to one partition each. */
export async function sendToPartitions(hub: EventHubsStandIn, byPartition: Record<string, EventData[]>): Promise<void> {
  const producer = new EventHubProducerClient(hub.connectionString, hub.hubName);
  try {
    for (const [partitionId, events] of Object.entries(byPartition)) {
      let batch = await producer.createBatch({ partitionId });
      for (const event of events) {
        if (batch.tryAdd(event)) continue;
        await producer.sendBatch(batch);
        batch = await producer.createBatch({ partitionId });
        if (!batch.tryAdd(event)) throw new Error("event too large for a batch");
      }
      if (batch.count > 0) await producer.sendBatch(batch);
    }
  } finally {
    await producer.close();
  }
}

/** The checkpoint store the workers write to, read directly from azurite. */
export function checkpointStore(azurite: Azurite, container = "checkpoints") {
  return new BlobCheckpointStore(new ContainerClient(azurite.connectionString, container));
}

/** Requests and tokens the store holds over all time: what every report is built from. */
export async function usageTotals(store: UsageStore): Promise<{ requests: number; totalTokens: number; promptTokens: number }> {
  const rows = await store.listDailyUsage("1970-01-01", "9999-12-31");
  return {
    requests: Number(rows.reduce((s, r) => s + r.requests, 0n)),
    totalTokens: Number(rows.reduce((s, r) => s + r.totalTokens, 0n)),
    promptTokens: Number(rows.reduce((s, r) => s + r.promptTokens, 0n)),
  };
}
