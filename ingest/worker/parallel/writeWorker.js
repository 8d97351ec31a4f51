// Worker-thread entry: the TypeScript stage needs tsx's loader, which a new thread does not inherit.
require("tsx/cjs");
require("./writeWorkerMain.ts");
