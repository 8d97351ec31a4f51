import { EventHubConsumerClient, earliestEventPosition, latestEventPosition, type EventPosition, type ReceivedEventData } from "@azure/event-hubs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEventHubsStandIn, type EventHubsStandIn } from "./eventHubsStandIn";
import { sendToPartitions } from "./hubEvents";
import { itemAt } from "../../lib/core/arrays";

/** The stand-in is only worth its tests if it behaves like the service where the worker relies on it. */
describe("the Event Hubs stand-in, through the real SDK", () => {
  let hub: EventHubsStandIn;
  let consumer: EventHubConsumerClient;
  let sent: ReceivedEventData[];

  const read = (startPosition: EventPosition, wantAtLeast = 1, waitMs = 1_500) =>
    new Promise<number[]>((resolve) => {
      const seen: number[] = [];
      const subscription = consumer.subscribe(
        "1",
        {
          processEvents: async (events) => {
            seen.push(...events.map((e) => (e.body as { n: number }).n));
          },
          processError: async () => undefined,
        },
        { startPosition, maxBatchSize: 50, maxWaitTimeInSeconds: 0.2 },
      );
      const started = Date.now();
      const timer = setInterval(async () => {
        if ((seen.length >= wantAtLeast && Date.now() - started > 300) || Date.now() - started > waitMs) {
          clearInterval(timer);
          await subscription.close();
          resolve(seen);
        }
      }, 50);
    });

  beforeAll(async () => {
    hub = await startEventHubsStandIn({ partitions: 2 });
    consumer = new EventHubConsumerClient("$Default", hub.connectionString, hub.hubName);
    await sendToPartitions(hub, { "1": Array.from({ length: 5 }, (_, n) => ({ body: { n } })) });
    await new Promise((r) => setTimeout(r, 20));
    await sendToPartitions(hub, { "1": Array.from({ length: 5 }, (_, n) => ({ body: { n: n + 5 } })) });
    sent = [];
    const subscription = consumer.subscribe(
      "1",
      { processEvents: async (events) => void sent.push(...events), processError: async () => undefined },
      { startPosition: earliestEventPosition, maxWaitTimeInSeconds: 0.2 },
    );
    while (sent.length < 10) await new Promise((r) => setTimeout(r, 50));
    await subscription.close();
  });
  afterAll(async () => {
    await consumer?.close();
    await hub?.close();
  });

  it("numbers events per partition and reports the partitions like the service", async () => {
    expect(sent.map((e) => e.sequenceNumber)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(sent.every((e, i) => i === 0 || Number(e.offset) > Number(itemAt(sent, i - 1).offset))).toBe(true);
    expect(await consumer.getEventHubProperties()).toMatchObject({ name: "usage", partitionIds: ["0", "1"] });
    expect(await consumer.getPartitionProperties("0")).toMatchObject({ partitionId: "0", isEmpty: true, lastEnqueuedSequenceNumber: -1 });
    expect(await consumer.getPartitionProperties("1")).toMatchObject({
      partitionId: "1",
      isEmpty: false,
      beginningSequenceNumber: 0,
      lastEnqueuedSequenceNumber: 9,
      lastEnqueuedOffset: itemAt(sent, 9).offset,
    });
  });

  it("starts where the consumer asks: earliest, latest, sequence number, offset, enqueued time, inclusive or not", async () => {
    expect(await read(earliestEventPosition, 10)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await read({ sequenceNumber: 4 }, 5)).toEqual([5, 6, 7, 8, 9]);
    expect(await read({ sequenceNumber: 4, isInclusive: true }, 6)).toEqual([4, 5, 6, 7, 8, 9]);
    expect(await read({ offset: itemAt(sent, 7).offset }, 2)).toEqual([8, 9]);
    expect(await read({ offset: itemAt(sent, 7).offset, isInclusive: true }, 3)).toEqual([7, 8, 9]);
    expect(await read({ enqueuedOn: itemAt(sent, 4).enqueuedTimeUtc }, 5)).toEqual([5, 6, 7, 8, 9]);
    expect(await read(latestEventPosition, 1, 800)).toEqual([]);
  });
});
