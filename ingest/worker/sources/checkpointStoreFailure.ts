import { StoreFailure } from "../../../lib/store/storeFailure";
import { itemAt } from "../../../lib/core/arrays";

const NETWORK_CODES = "ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|EHOSTUNREACH|REQUEST_SEND_ERROR";
const NETWORK = new RegExp(`^(${NETWORK_CODES})$`);
// The same codes, as a wrapped RestError's message quotes them.
const QUOTED_NETWORK = new RegExp(`\\nRestError: .*?\\b(${NETWORK_CODES})\\b`);

/**
 * The blob checkpoint store (azurite on a workstation, a Storage container in Azure) failing is
 * not the usage store failing: say which one, what happened and what to do, or null for a bug.
 */
export function checkpointStoreFailure(error: unknown, container: string): StoreFailure | null {
  const code = String((error as { code?: unknown })?.code ?? "");
  const status = Number((error as { statusCode?: unknown })?.statusCode ?? 0);
  const where = `the checkpoint store (blob container ${container})`;
  if (NETWORK.test(code)) {
    return new StoreFailure(
      `${where} could not be reached (${code}): nothing was read from the hub or checkpointed; start it or check CHARGEBACK_CHECKPOINT_* and the network, then start the worker again (it resumes from the last checkpoint, events wait in the hub)`,
      75,
    );
  }
  if (status === 401 || status === 403) {
    return new StoreFailure(
      `${where} refused the worker (HTTP ${status}${code ? ` ${code}` : ""}): give its identity Storage Blob Data Contributor on the container (or fix the connection string), then start it again`,
      75,
    );
  }
  return null;
}

/**
 * For a running worker: the load balancer's error when the checkpoint store (a blob RestError, not
 * the hub's MessagingError) cannot be reached, said as what it means; null for any other error.
 */
export function checkpointStoreDown(error: unknown): string | null {
  const { code, status } = restErrorOf(error) ?? { code: "", status: -1 };
  if (status === -1) return null;
  if (!NETWORK.test(code) && status !== 401 && status !== 403 && status < 500) return null;
  return `the checkpoint store (CHARGEBACK_CHECKPOINT_*) is unavailable (${code || `HTTP ${status}`}): no partition is claimed or checkpointed until it is back; the worker keeps trying, and events wait in the hub (nothing is lost)`;
}

/**
 * The blob RestError's code and status: the error itself, or (listing ownership wraps it in a plain
 * Error whose message quotes it, "Error occurred while fetching the list of blobs. \nRestError: …")
 * read from that message; null for any other error.
 */
function restErrorOf(error: unknown): { code: string; status: number } | null {
  if ((error as Error)?.name === "RestError") {
    return { code: String((error as { code?: unknown }).code ?? ""), status: Number((error as { statusCode?: unknown }).statusCode ?? 0) };
  }
  const quoted = QUOTED_NETWORK.exec(String((error as Error)?.message ?? ""));
  return quoted ? { code: itemAt(quoted, 1), status: 0 } : null;
}
