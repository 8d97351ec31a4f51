import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli";
import { useEventHubsRig } from "../support/eventHubsRig";
import { freshStore } from "../support/store";
import { hubEnv, startCli } from "../support/workerProcess";

// Issue 24 item 14: with the checkpoint store down the worker said "internal error … set DEBUG=1",
// then (once store failures were named) that *the store* could not be reached.
describe("the Event Hubs worker with its checkpoint store down", () => {
  const rig = useEventHubsRig({ store: false });

  it("at start: says the checkpoint store could not be reached and what to do, exit 75", async () => {
    const { file } = freshStore();
    const closed = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/devstoreaccount1;";
    const result = await runCli(["worker", "--source", "eventhubs"], {
      db: file,
      env: { ...hubEnv(rig.hub, rig.azurite), CHARGEBACK_CHECKPOINT_CONNECTION_STRING: closed },
    });
    expect(result.stderr).toBe(
      "chargeback: the checkpoint store (blob container http://127.0.0.1:1/devstoreaccount1/checkpoints) could not be reached (ECONNREFUSED): nothing was read from the hub or checkpointed; start it or check CHARGEBACK_CHECKPOINT_* and the network, then start the worker again (it resumes from the last checkpoint, events wait in the hub)\n",
    );
    expect(result.status).toBe(75);
  });

  it("while running: says what it means instead of the SDK's error, and keeps going", async () => {
    const { file } = freshStore();
    const worker = startCli(["worker", "--source", "eventhubs", "--db", `file:${file}`], hubEnv(rig.hub, rig.azurite));
    try {
      await worker.waitForStderr(/claimed partition/);
      await rig.stopAzurite();
      await worker.waitForStderr(/the checkpoint store \(CHARGEBACK_CHECKPOINT_\*\) is unavailable \(ECONNREFUSED\): no partition is claimed/, 60_000);
      expect(worker.child.exitCode).toBeNull();
      expect(worker.stderr()).not.toMatch(/internal error|DEBUG=1/);
    } finally {
      worker.child.kill("SIGTERM");
      await worker.exited;
    }
  });
});
