import { runNotifications } from "../../lib/notifications/runNotifications";
import type { UsageStore } from "../../lib/store/port";
import type { PeriodicTask } from "./periodicTasks";

/** Budget thresholds and month closes checked, and the outbox delivered, every `everyMs`. */
export const budgetTask = (store: UsageStore, everyMs: number): PeriodicTask => ({
  name: "budget checks",
  everyMs,
  run: () => runNotifications(store),
});
