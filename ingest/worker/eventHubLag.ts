import { now } from "../../lib/core/clock";
import type { PartitionLag, UsageStore } from "../../lib/store/port";
import { recordCheckpointLag } from "../../lib/telemetry/instruments";
import type { PeriodicTask } from "./periodicTasks";
import type { EventHubsClients } from "./sources/eventHubs";

/** Per partition: the last event enqueued, the last one checkpointed by the consumer group, and how many lie between. */
export async function getPartitionLag({ consumer, checkpoints, hubName, consumerGroup }: EventHubsClients): Promise<PartitionLag[]> {
  const [ids, saved] = await Promise.all([consumer.getPartitionIds(), checkpoints.listCheckpoints(consumer.fullyQualifiedNamespace, hubName, consumerGroup)]);
  const checkpointed = new Map(saved.map((c) => [c.partitionId, c.sequenceNumber]));
  return Promise.all(
    ids.map(async (partitionId) => {
      const p = await consumer.getPartitionProperties(partitionId);
      const done = checkpointed.get(partitionId) ?? null;
      const last = p.isEmpty ? null : p.lastEnqueuedSequenceNumber;
      // Without a checkpoint, everything still in the partition is yet to be read.
      const lag = last === null ? 0 : last - (done ?? p.beginningSequenceNumber - 1);
      return { partitionId, lastEnqueuedSequenceNumber: last, checkpointedSequenceNumber: done, lag: Math.max(0, lag) };
    }),
  );
}

/** The hub's lag per partition, measured each minute: recorded for the admin's Health page and as a metric. */
export const lagTask = (store: UsageStore, clients: EventHubsClients, everyMs = 60_000): PeriodicTask => ({
  name: "lag",
  everyMs,
  run: async () => {
    const partitions = await getPartitionLag(clients);
    for (const p of partitions) recordCheckpointLag(p.partitionId, p.lag);
    await store.recordPipelineLag({ consumer: `${clients.hubName}/${clients.consumerGroup}`, at: now(), partitions });
  },
});
