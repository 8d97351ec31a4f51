#!/usr/bin/env node
// The CLI is TypeScript; tsx compiles it on the fly so the bin works straight from a clone.
require("tsx/cjs");
require("../cli/main.ts");
