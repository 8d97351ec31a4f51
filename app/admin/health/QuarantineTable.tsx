import type { QuarantinedEvent } from "@/lib/store/port";
import { SubmitButton } from "@/app/_components/SubmitButton";
import { discardQuarantinedEvent, replayQuarantined } from "./actions";

// The oldest beyond these wait their turn: `chargeback quarantine list` shows them all.
const SHOWN = 100;
const RAW_SHOWN = 160;
const when = (at: number) => `${new Date(at).toISOString().replace("T", " ").slice(0, 16)} UTC`;
const rawText = (q: QuarantinedEvent) =>
  q.encoding === "base64" ? "(bytes that are not UTF-8)" : q.raw.length > RAW_SHOWN ? `${q.raw.slice(0, RAW_SHOWN - 1)}…` : q.raw;

/** Open quarantined events, newest first, with their reason; admins replay or discard each (audited). */
export function QuarantineTable({ open, canAct }: { open: QuarantinedEvent[]; canAct: boolean }) {
  const shown = [...open].sort((a, b) => b.receivedAt - a.receivedAt).slice(0, SHOWN);
  return (
    <div className="table-scroll" id="quarantine">
      <table>
        <caption>Quarantined events waiting{open.length > SHOWN ? ` (latest ${SHOWN} of ${open.length})` : ""}: replay after a fix, or discard</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">From</th>
            <th scope="col">Why</th>
            <th scope="col">Event as received</th>
            {canAct && <th scope="col">Action</th>}
          </tr>
        </thead>
        <tbody>
          {shown.length === 0 && (
            <tr>
              <td colSpan={canAct ? 5 : 4}>None.</td>
            </tr>
          )}
          {shown.map((q) => (
            <tr key={q.id} data-testid="quarantine-row">
              <td>{when(q.receivedAt)}</td>
              <th scope="row">{q.source}</th>
              <td>{q.reason}</td>
              <td>
                <code className="json">{rawText(q)}</code>
              </td>
              {canAct && (
                <td className="actions">
                  <form action={replayQuarantined}>
                    <input type="hidden" name="id" value={q.id} />
                    <SubmitButton label="Replay" pendingLabel="Replaying…" ariaLabel={`Replay: event from ${q.source}`} />
                  </form>
                  <details>
                    <summary>Discard…</summary>
                    <form action={discardQuarantinedEvent}>
                      <input type="hidden" name="id" value={q.id} />
                      <p>It will never be counted. The discard is audited.</p>
                      <SubmitButton label="Discard for good" pendingLabel="Discarding…" ariaLabel={`Discard for good: event from ${q.source}`} />
                    </form>
                  </details>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
