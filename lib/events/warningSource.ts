/** Where an ingest warning came from, without the line or sequence number: a file, a hub partition, an ingest key. */
export const warningSource = (source: string) => source.replace(/[:#]\d+$/, "");
