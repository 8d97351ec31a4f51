import { now } from "@/lib/core/clock";
import type { Command } from "commander";
import { z } from "zod";
import { IngestSource, newIngestKey } from "@/lib/intake/ingestKey";
import { UserError } from "@/lib/core/errors";
import { printJson, withStore } from "../context";
import { parseOptions } from "../parseOptions";

export function registerIngestKeyCommands(program: Command): void {
  const keys = program.command("ingest-keys").description("manage the keys that may POST events to /api/v1/events");
  keys
    .command("create")
    .description("create a key for one sender; the key is printed once and only its hash is kept")
    .argument("<source>", "who sends with it, e.g. apim-westeurope")
    .action(async (source: string, _opts, command: Command) => {
      const { source: name } = parseOptions(z.object({ source: IngestSource }), { source });
      const { key, token } = newIngestKey(name);
      await withStore(command, (store) => store.saveIngestKey(key));
      printJson({ id: key.id, source: key.source, key: token, note: "store this key now (e.g. in Key Vault): it is not shown again" });
    });
  keys
    .command("list")
    .description("print every key's id, source and state as JSON lines (never the secret)")
    .action(async (_opts, command: Command) => {
      const list = await withStore(command, (store) => store.listIngestKeys(), { mustExist: true });
      for (const k of list) {
        printJson({
          id: k.id,
          source: k.source,
          createdAt: new Date(k.createdAt).toISOString(),
          revokedAt: k.revokedAt === null ? null : new Date(k.revokedAt).toISOString(),
        });
      }
    });
  keys
    .command("revoke")
    .description("stop accepting a key at once")
    .argument("<id>", "the key's id, as `ingest-keys list` prints it")
    .action(async (id: string, _opts, command: Command) => {
      const revoked = await withStore(command, (store) => store.revokeIngestKey(id, now()), { mustExist: true });
      if (!revoked) throw new UserError(`no active ingest key ${id}; see \`chargeback ingest-keys list\``);
      printJson({ id, revoked: true });
    });
}
