import { describe, expect, it } from "vitest";
import { useEventHubsRig } from "../support/eventHubsRig";
import { hubEnv, type RunningCli, startCli, waitFor } from "../support/workerProcess";

/** The port the worker logged (`health.listening`) after binding `--health-port 0`. */
async function healthPort(worker: RunningCli): Promise<number> {
  await worker.waitForStderr(/"event":"health.listening"/, 60_000);
  const line = worker
    .stderr()
    .split("\n")
    .find((l) => l.includes('"health.listening"'))!;
  return JSON.parse(line).port as number;
}

const get = async (port: number, path: string) => {
  const response = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

describe("the worker's health port", () => {
  const rig = useEventHubsRig();

  it("is live at once, ready once it owns partitions with its stores answering, and not ready when the checkpoint store goes away", async () => {
    const worker = startCli(["worker", "--source", "eventhubs", "--health-port", "0", "--health-host", "127.0.0.1", "--max-wait-seconds", "1"], {
      ...hubEnv(rig.hub, rig.azurite),
      ...rig.target.env,
    });
    try {
      const port = await healthPort(worker);
      expect(await get(port, "/live")).toEqual({ status: 200, body: { status: "live" } });
      await waitFor(async () => (await get(port, "/ready")).status === 200, "readiness");
      expect(await get(port, "/ready")).toEqual({ status: 200, body: { status: "ready", checks: { store: true, checkpointStore: true, partitions: true } } });
      expect((await get(port, "/metrics")).status).toBe(404);

      await rig.stopAzurite();
      const notReady = await get(port, "/ready");
      expect(notReady).toMatchObject({ status: 503, body: { status: "not ready", checks: { store: true, checkpointStore: false } } });
      expect((await get(port, "/live")).status).toBe(200); // a checkpoint store outage is no reason to restart the replica
      await worker.waitForStderr(/"event":"health.notReady"/);
    } finally {
      worker.child.kill("SIGTERM");
      await worker.exited;
    }
  });

  it("the demo worker is ready when its store is", async () => {
    const worker = startCli(["worker", "--source", "demo", "--health-port", "0", "--health-host", "127.0.0.1"], rig.target.env);
    try {
      const port = await healthPort(worker);
      expect(await get(port, "/ready")).toEqual({ status: 200, body: { status: "ready", checks: { store: true } } });
    } finally {
      worker.child.kill("SIGTERM");
      await worker.exited;
    }
  });
});
