#!/usr/bin/env -S node --expose-gc
// --expose-gc: `chargeback ingest` collects its garbage every 25,000 events with it, which keeps its
// peak RSS flat (ingest/worker/ingestNdjson.ts); started without the flag (`node bin/chargeback.js`),
// everything works the same with a larger peak RSS.
// The CLI is TypeScript; tsx compiles it on the fly so the bin works straight from a clone.
// From any directory: tsx reads the path alias (@/…) from the tsconfig it is pointed at, not the
// one of wherever the command was started (worker threads inherit the setting).
process.env.TSX_TSCONFIG_PATH ??= require("node:path").join(__dirname, "..", "tsconfig.json");
require("tsx/cjs");
require("../ingest/cli/main.ts");
