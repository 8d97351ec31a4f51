#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 node --expose-gc --max-semi-space-size=16
// How `chargeback ingest` keeps its peak RSS under 300 MB at any N (bench/ingest.bench.ts starts
// the bin with this same line); started another way (`node bin/chargeback.js`), everything works
// the same with a larger peak RSS:
// - --expose-gc: ingest collects its garbage every 10,000 events (ingest/worker/ingestNdjson.ts).
// - --max-semi-space-size=16 (MB), V8's default today, set so it stays so: 4 MB semi-spaces were
//   scavenged every few hundred events, each time copying the batch being written, and garbage
//   collection took a sixth of the writing thread (bench/ingest.bench.ts). Its RSS is paid for
//   by collecting more often (ingest/worker/ingestNdjson.ts) and a smaller cap on the reading
//   thread's old generation (ingest/worker/parallel/preparedBatches.ts).
// - glibc's malloc: a fixed mmap threshold keeps allocations of 128 KB and more (1 MB read
//   buffers, the messages between threads, line identities' tables) out of the heaps and gives
//   them back when freed; glibc otherwise raises the threshold to the largest block freed, and
//   those blocks then pile up as free memory it never returns. Two arenas instead of one per
//   thread: V8's collector threads held 20 MB in arenas of their own, nearly all free.
// The CLI is TypeScript; tsx compiles it on the fly so the bin works straight from a clone.
// From any directory: tsx reads the path alias (@/…) from the tsconfig it is pointed at, not the
// one of wherever the command was started (worker threads inherit the setting).
process.env.TSX_TSCONFIG_PATH ??= require("node:path").join(__dirname, "..", "tsconfig.json");
require("tsx/cjs");
require("../ingest/cli/main.ts");
