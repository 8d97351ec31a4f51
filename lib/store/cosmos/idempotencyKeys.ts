import type { Containers } from "./containers";
import { docId } from "./cosmosOps";

type IdempotencyKeyDoc = { id: string; kind: "idempotencyKey"; key: string; digest: string; at: number };

/**
 * Each key is its own logical partition of `identities` (keys are many and only ever read by id):
 * created once, a 409 means it exists and its first digest stands.
 */
export async function saveIdempotencyKey(c: Containers, key: string, digest: string, at: number): Promise<string> {
  const id = docId("idempotencyKey", key);
  try {
    await c.identities.items.create<IdempotencyKeyDoc>({ id, kind: "idempotencyKey", key, digest, at }, { disableAutomaticIdGeneration: true });
    return digest;
  } catch (error) {
    if ((error as { code?: unknown }).code !== 409) throw error;
  }
  const { resource } = await c.identities.item(id, id).read<IdempotencyKeyDoc>();
  if (!resource) throw new Error(`idempotency key ${key} vanished after a conflict`);
  return resource.digest;
}
