import type { AddressInfo, Server } from "node:net";
import rhea, { type Connection, type EventContext, type Message, type Receiver, type Sender } from "rhea";
import { itemAt } from "../../lib/core/arrays";

/**
 * A local Event Hubs for tests: an AMQP 1.0 server on 127.0.0.1 that the real `@azure/event-hubs`
 * producer and consumer clients talk to. It keeps every event in memory per partition with its
 * sequence number, offset and enqueued time, honours the consumers' start positions (selector
 * filters) and link credit, and answers `$cbs` and `$management` (hub and partition READ).
 */
export type EventHubsStandIn = {
  hubName: string;
  port: number;
  partitionIds: string[];
  connectionString: string;
  /** How many events each partition holds. */
  counts(): Record<string, number>;
  close(): Promise<void>;
};

type StoredEvent = { sequenceNumber: number; offset: number; enqueuedTime: Date; message: Message };
type Partition = { id: string; events: StoredEvent[]; nextOffset: number };
type Reader = { sender: Sender; partition: Partition; consumerGroup: string; epoch?: number; next: number };
/** The attach frames rhea keeps on a link but leaves out of its typings. */
type Attach = {
  source?: { address: string; filter?: Record<string, unknown> };
  target?: { address: string };
  max_message_size?: number;
  properties?: Record<string, unknown>;
};
const frames = (link: Sender | Receiver) => link as unknown as { remote: { attach: Attach }; local: { attach: Attach } };

const BATCH_FORMAT = 0x80013700;
const MAX_MESSAGE_SIZE = 1_048_576;
const SELECTOR = /x-opt-(offset|sequence-number|enqueued-time)'?\s*(>=|>)\s*'([^']*)'/;

export async function startEventHubsStandIn({ hubName = "usage", partitions = 4 } = {}): Promise<EventHubsStandIn> {
  const parts: Partition[] = Array.from({ length: partitions }, (_, i) => ({ id: String(i), events: [], nextOffset: 0 }));
  const readers = new Set<Reader>();
  const replyLinks = new Map<Connection, Map<string, Sender>>();
  const connections = new Set<Connection>();
  const createdAt = new Date();
  let roundRobin = 0;

  const pump = (reader: Reader) => {
    const { sender, partition } = reader;
    while (reader.next < partition.events.length && sender.is_open() && sender.sendable()) {
      const stored = itemAt(partition.events, reader.next++);
      sender.send({
        ...stored.message,
        message_annotations: {
          ...stored.message.message_annotations,
          "x-opt-sequence-number": rhea.types.wrap_long(stored.sequenceNumber),
          "x-opt-offset": String(stored.offset),
          "x-opt-enqueued-time": stored.enqueuedTime,
        },
      });
    }
  };

  const append = (partition: Partition, message: Message) => {
    const size = rhea.message.encode(message).length;
    partition.events.push({ sequenceNumber: partition.events.length, offset: partition.nextOffset, enqueuedTime: new Date(), message });
    partition.nextOffset += size;
    for (const reader of readers) if (reader.partition === partition) pump(reader);
  };

  const choosePartition = (address: string, message: Message): Partition => {
    const named = /\/Partitions\/(\d+)$/.exec(address);
    if (named) return itemAt(parts, Number(named[1]));
    const key = message.message_annotations?.["x-opt-partition-key"];
    if (typeof key === "string") return itemAt(parts, [...key].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % parts.length);
    return itemAt(parts, roundRobin++ % parts.length);
  };

  /** Where a consumer starts: the index of the first event its selector filter lets through. */
  const startIndex = (partition: Partition, filter: string): number => {
    if (filter.includes("'@latest'")) return partition.events.length;
    const match = SELECTOR.exec(filter);
    if (!match) return 0;
    const [, field, op, value] = match;
    const key = (e: StoredEvent) => (field === "offset" ? e.offset : field === "sequence-number" ? e.sequenceNumber : e.enqueuedTime.getTime());
    const bound = Number(value);
    const index = partition.events.findIndex((e) => (op === ">=" ? key(e) >= bound : key(e) > bound));
    return index === -1 ? partition.events.length : index;
  };

  const managementReply = (props: Record<string, unknown>) => {
    if (props.type === "com.microsoft:eventhub") {
      return { name: hubName, type: props.type, created_at: createdAt, partition_count: parts.length, partition_ids: parts.map((p) => p.id) };
    }
    const partition = parts[Number(props.partition)];
    if (!partition) return null;
    const last = partition.events.at(-1);
    return {
      name: hubName,
      type: props.type,
      partition: partition.id,
      begin_sequence_number: rhea.types.wrap_long(0),
      last_enqueued_sequence_number: rhea.types.wrap_long(last ? last.sequenceNumber : -1),
      last_enqueued_offset: last ? String(last.offset) : "-1",
      last_enqueued_time_utc: last ? last.enqueuedTime : new Date(0),
      is_partition_empty: !last,
    };
  };

  const answer = (context: EventContext, request: Message) => {
    const address = context.receiver?.target?.address ?? "";
    const replyTo = String(request.reply_to ?? "");
    const link = replyLinks.get(context.connection)?.get(replyTo);
    if (!link) return;
    const props = (request.application_properties ?? {}) as Record<string, unknown>;
    if (address === "$cbs") {
      link.send({ correlation_id: request.message_id, application_properties: { "status-code": 202, "status-description": "Accepted" }, body: null });
      return;
    }
    const body = props.operation === "READ" ? managementReply(props) : null;
    link.send({
      correlation_id: request.message_id,
      application_properties: body ? { "status-code": 200, "status-description": "OK" } : { "status-code": 404, "status-description": "no such entity" },
      body: body ?? undefined,
    });
  };

  const container = rhea.create_container({ id: "eventhubs-stand-in" });
  container.on("connection_open", (context: EventContext) => connections.add(context.connection));
  container.on("disconnected", (context: EventContext) => {
    connections.delete(context.connection);
    replyLinks.delete(context.connection);
    for (const reader of readers) if (reader.sender.connection === context.connection) readers.delete(reader);
  });
  container.on("receiver_open", (context: EventContext) => {
    const receiver = context.receiver!;
    receiver.set_target(frames(receiver).remote.attach.target ?? { address: "" });
    receiver.set_source(frames(receiver).remote.attach.source ?? { address: "" });
    frames(receiver).local.attach.max_message_size = MAX_MESSAGE_SIZE;
  });
  container.on("sender_open", (context: EventContext) => {
    const sender = context.sender!;
    const source = frames(sender).remote.attach.source ?? { address: "" };
    sender.set_source(source);
    sender.set_target(frames(sender).remote.attach.target ?? { address: "" });
    frames(sender).local.attach.max_message_size = MAX_MESSAGE_SIZE;
    const address: string = source.address ?? "";
    if (address === "$cbs" || address === "$management") {
      if (!replyLinks.has(context.connection)) replyLinks.set(context.connection, new Map());
      replyLinks.get(context.connection)!.set(sender.name, sender);
      return;
    }
    const match = new RegExp(`^${hubName}/ConsumerGroups/([^/]+)/Partitions/(\\d+)$`, "i").exec(address);
    const partition = match ? parts[Number(match[2])] : undefined;
    if (!match || !partition) {
      sender.close({ condition: "amqp:not-found", description: `no such entity: ${address}` });
      return;
    }
    const consumerGroup = itemAt(match, 1).toLowerCase();
    const epochValue = frames(sender).remote.attach.properties?.["com.microsoft:epoch"];
    const epoch = epochValue === undefined ? undefined : Number(epochValue);
    // Like the service: an epoch (exclusive) receiver takes the partition from those of an equal or lower epoch.
    for (const other of readers) {
      if (other.partition !== partition || other.consumerGroup !== consumerGroup || other.epoch === undefined || epoch === undefined) continue;
      if (other.epoch > epoch) {
        sender.close({ condition: "amqp:link:stolen", description: `a receiver with a higher epoch (${other.epoch}) holds the partition` });
        return;
      }
      readers.delete(other);
      other.sender.close({ condition: "amqp:link:stolen", description: `New receiver with epoch ${epoch} took the partition` });
    }
    const reader = { sender, partition, consumerGroup, epoch, next: startIndex(partition, selectorText(source.filter)) };
    readers.add(reader);
    pump(reader);
  });
  container.on("sendable", (context: EventContext) => {
    for (const reader of readers) if (reader.sender === context.sender) pump(reader);
  });
  const dropReader = (context: EventContext) => {
    for (const reader of readers) if (reader.sender === context.sender) readers.delete(reader);
  };
  container.on("sender_close", dropReader);
  container.on("message", (context: EventContext) => {
    const address = context.receiver?.target?.address ?? "";
    if (address === "$cbs" || address === "$management") return answer(context, context.message!);
    const format = (context as EventContext & { format?: number }).format;
    const messages = format === BATCH_FORMAT ? unbatch(context.message as unknown as Buffer) : [context.message!];
    // Like the service, a batch sent to the hub lands in one partition as a whole.
    const partition = choosePartition(address, itemAt(messages, 0));
    for (const message of messages) append(partition, message);
  });
  container.on("error", () => undefined); // a client dropping mid-frame is not the stand-in's problem

  const server: Server = container.listen({ port: 0, host: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    hubName,
    port,
    partitionIds: parts.map((p) => p.id),
    connectionString: `Endpoint=sb://127.0.0.1:${port};SharedAccessKeyName=k;SharedAccessKey=v;UseDevelopmentEmulator=true`,
    counts: () => Object.fromEntries(parts.map((p) => [p.id, p.events.length])),
    close: async () => {
      for (const connection of connections) connection.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of connections) (connection as unknown as { socket?: { destroy(): void } }).socket?.destroy();
    },
  };
}

/** A batch's data sections are each one encoded event. */
function unbatch(raw: Buffer): Message[] {
  const { body } = rhea.message.decode(raw) as unknown as { body: { content: Buffer | Buffer[] } };
  const parts = Array.isArray(body.content) ? body.content : [body.content];
  return parts.map((part) => rhea.message.decode(part) as unknown as Message);
}

/** The text of the `apache.org:selector-filter:string` filter, however rhea unwrapped it. */
function selectorText(filter: unknown): string {
  if (filter == null) return "";
  if (typeof filter === "string") return /x-opt-|@latest/.test(filter) ? filter : "";
  if (typeof filter === "object") {
    for (const value of Object.values(filter as Record<string, unknown>)) {
      const text = selectorText(value);
      if (text) return text;
    }
  }
  return "";
}
