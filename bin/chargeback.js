#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so the bin works straight from a clone.
// From any directory: tsx reads the path alias (@/…) from the tsconfig it is pointed at, not the
// one of wherever the command was started (worker threads inherit the setting).
process.env.TSX_TSCONFIG_PATH ??= require("node:path").join(__dirname, "..", "tsconfig.json");
require("tsx/cjs");
require("../ingest/cli/main.ts");
