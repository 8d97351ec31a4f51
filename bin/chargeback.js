#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 node --expose-gc --max-semi-space-size=8
// How `chargeback ingest` keeps its peak RSS under 300 MB at any N (bench/ingest.bench.ts starts
// the bin with this same line); started another way (`node bin/chargeback.js`), everything works
// the same with a larger peak RSS:
// - --expose-gc: a bulk load written on the main thread (a stream, the demo) collects its garbage
//   every 10,000 events (ingest/worker/ingestNdjson.ts); one from a file into SQLite writes on a
//   thread whose heap is capped instead (ingest/worker/parallel/writingThread.ts).
// - --max-semi-space-size=8 (MB, half V8's default), a flag of the whole process: every thread's
//   young generation is at most two 8 MB semi-spaces, whatever a worker's resourceLimits say. An
//   ingest runs four V8 heaps (this thread, reading, writing, checkpoints); at 16 MB each young
//   generation holds up to 32 MB however idle its thread, and the load's peak RSS was 310-375 MB.
//   At 8 MB: 274-278 MB, and the writing thread scavenges twice as often (4 MB semi-spaces were
//   scavenged every few hundred events and cost the writer a sixth of its time).
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
