import { EventHubConsumerClient, type ReceivedEventData } from "@azure/event-hubs";
import { BlobCheckpointStore } from "@azure/eventhubs-checkpointstore-blob";
import { DefaultAzureCredential } from "@azure/identity";
import { ContainerClient } from "@azure/storage-blob";
import type { EventHubsConfig } from "../../../lib/config/eventHubsConfig";
import type { SourceLine } from "../../../lib/events/processUsageBatch";
import { decodeStrictUtf8, type Undecodable } from "../../../lib/events/strictUtf8";
import { checkpointStoreFailure } from "./checkpointStoreFailure";

export type EventHubsClients = { consumer: EventHubConsumerClient; checkpoints: BlobCheckpointStore; hubName: string; consumerGroup: string };

/**
 * The consumer and its blob checkpoint store, as configured: DefaultAzureCredential for the
 * namespace and the container URL, or connection strings (local test servers).
 */
export async function createEventHubsClients(config: EventHubsConfig, identifier?: string): Promise<EventHubsClients> {
  const hubName = config.CHARGEBACK_EVENTHUB_NAME!;
  const consumerGroup = config.CHARGEBACK_EVENTHUB_CONSUMER_GROUP;
  const credential = config.CHARGEBACK_EVENTHUB_NAMESPACE || config.CHARGEBACK_CHECKPOINT_BLOB_URL ? new DefaultAzureCredential() : undefined;
  const container = config.CHARGEBACK_CHECKPOINT_BLOB_URL
    ? new ContainerClient(config.CHARGEBACK_CHECKPOINT_BLOB_URL, credential)
    : new ContainerClient(config.CHARGEBACK_CHECKPOINT_CONNECTION_STRING!, config.CHARGEBACK_CHECKPOINT_CONTAINER!);
  // Local test servers start empty; in Azure the container is provisioned with the namespace.
  if (config.CHARGEBACK_CHECKPOINT_CONNECTION_STRING) {
    await container.createIfNotExists().catch((error: unknown) => {
      throw checkpointStoreFailure(error, container.url) ?? error;
    });
  }
  const checkpoints = new BlobCheckpointStore(container);
  const options = {
    identifier,
    loadBalancingOptions: {
      strategy: config.CHARGEBACK_EVENTHUB_LOAD_BALANCING,
      updateIntervalInMs: config.CHARGEBACK_EVENTHUB_LOAD_BALANCING_INTERVAL_MS,
      partitionOwnershipExpirationIntervalInMs: config.CHARGEBACK_EVENTHUB_OWNERSHIP_EXPIRY_MS,
    },
  };
  const consumer = config.CHARGEBACK_EVENTHUB_NAMESPACE
    ? new EventHubConsumerClient(consumerGroup, config.CHARGEBACK_EVENTHUB_NAMESPACE, hubName, credential!, checkpoints, options)
    : new EventHubConsumerClient(consumerGroup, config.CHARGEBACK_EVENTHUB_CONNECTION_STRING!, hubName, checkpoints, options);
  return { consumer, checkpoints, hubName, consumerGroup };
}

/** The event's JSON text, however the producer put it (bytes, a string, or a value), or its bytes when they are not UTF-8. */
export function eventText(body: unknown): { text: string } | { undecodable: Undecodable } {
  if (body instanceof Uint8Array) {
    const decoded = decodeStrictUtf8(body);
    return typeof decoded === "string" ? { text: decoded } : { undecodable: decoded };
  }
  if (typeof body === "string") return { text: body };
  return { text: JSON.stringify(body) ?? String(body) };
}

/**
 * One received event as a pipeline line. Its identity, used when the event carries no request id,
 * is where it sits in the hub, so a redelivery after a crash names it the same way.
 */
export function toSourceLine(hubName: string, partitionId: string, event: ReceivedEventData): SourceLine {
  return {
    ...eventText(event.body),
    source: `eventhub:${hubName}/${partitionId}#${event.sequenceNumber}`,
    id: `eventhub:${hubName}/${partitionId}:${event.sequenceNumber}`,
  };
}
