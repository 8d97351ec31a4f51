import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { priceFreshness } from "@/lib/pricing/syncRetailPrices";
import { getSharedStore } from "@/lib/store";
import { DeliveryLog } from "./DeliveryLog";

export const dynamic = "force-dynamic";

const QUARANTINE_SHOWN = 20;
const when = (at: number | null) => (at === null ? "never" : `${new Date(at).toISOString().replace("T", " ").slice(0, 16)} UTC`);

/** The pipeline's health beside the last security check of its Azure resources. Admins. */
export default async function HealthPage() {
  const caller = await requireCaller("/admin/health");
  if (!may(caller, "health:read")) forbidden();
  const store = getSharedStore();
  const [doctor, quarantined, prices, directory, lags, warnings, deliveries] = await Promise.all([
    store.getLastDoctorRun(),
    store.listQuarantined("open"),
    priceFreshness(store),
    store.listDirectoryEntries(),
    store.listPipelineLag(),
    store.listIngestWarnings(),
    store.listNotifications(50),
  ]);
  const lastGraphSync = directory.length === 0 ? null : Math.max(...directory.map((e) => e.syncedAt));
  const fails = doctor?.findings.filter((f) => f.severity === "FAIL").length ?? 0;
  return (
    <>
      <h1>Pipeline health</h1>
      <p className="sub">How ingest, enrichment and the Azure resources behind them are doing.</p>
      <table>
        <caption>Pipeline</caption>
        <tbody>
          <tr data-testid="health-quarantine">
            <th scope="row">Quarantined events waiting</th>
            <td>{quarantined.length} (see and replay them with chargeback quarantine list | replay)</td>
          </tr>
          <tr data-testid="health-prices">
            <th scope="row">Last price sync</th>
            <td>
              {when(prices.lastGood)}
              {prices.failingSince !== null && (
                <strong className="error">
                  {" "}
                  failing since {when(prices.failingSince)}: {prices.lastError}
                </strong>
              )}
            </td>
          </tr>
          <tr data-testid="health-graph">
            <th scope="row">Last Microsoft Graph sync</th>
            <td>
              {when(lastGraphSync)} ({directory.length} apps looked up)
            </td>
          </tr>
        </tbody>
      </table>
      <table>
        <caption>Event Hubs lag per partition: events enqueued and not yet checkpointed</caption>
        <thead>
          <tr>
            <th scope="col">Hub / consumer group</th>
            <th scope="col">Partition</th>
            <th scope="col" className="num">
              Last enqueued
            </th>
            <th scope="col" className="num">
              Last checkpointed
            </th>
            <th scope="col" className="num">
              Lag
            </th>
            <th scope="col">Measured</th>
          </tr>
        </thead>
        <tbody>
          {lags.length === 0 && (
            <tr>
              <td colSpan={6}>No Event Hubs worker has reported (the embedded demo worker has no hub).</td>
            </tr>
          )}
          {lags.flatMap((l) =>
            l.partitions.map((p) => (
              <tr key={`${l.consumer}|${p.partitionId}`} data-testid="lag-row">
                <th scope="row">{l.consumer}</th>
                <td>{p.partitionId}</td>
                <td className="num">{p.lastEnqueuedSequenceNumber ?? "—"}</td>
                <td className="num">{p.checkpointedSequenceNumber ?? "—"}</td>
                <td className="num">{p.lag}</td>
                <td>{when(l.at)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <table>
        <caption>
          Security check of the Azure resources:{" "}
          {doctor
            ? `${doctor.source}, ${when(doctor.at)}: ${doctor.checked.length} resources, ${fails} failed, ${doctor.findings.length - fails} warnings`
            : "never recorded (run chargeback doctor --record)"}
        </caption>
        <thead>
          <tr>
            <th scope="col">Result</th>
            <th scope="col">Rule</th>
            <th scope="col">Resource</th>
            <th scope="col">Why</th>
            <th scope="col">Fix</th>
          </tr>
        </thead>
        <tbody>
          {doctor && doctor.findings.length === 0 && (
            <tr>
              <td colSpan={5}>Every rule passed.</td>
            </tr>
          )}
          {doctor?.findings.map((f) => (
            <tr key={`${f.rule}|${f.resource}`} data-testid="doctor-finding">
              <td>{f.severity === "FAIL" ? <strong className="error">FAIL</strong> : "WARN"}</td>
              <th scope="row">{f.rule}</th>
              <td>{f.resource}</td>
              <td>{f.why}</td>
              <td>{f.fix}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table>
        <caption>Latest quarantined events{quarantined.length > QUARANTINE_SHOWN ? ` (${QUARANTINE_SHOWN} of ${quarantined.length})` : ""}</caption>
        <thead>
          <tr>
            <th scope="col">Received (UTC)</th>
            <th scope="col">From</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {quarantined.length === 0 && (
            <tr>
              <td colSpan={3}>None.</td>
            </tr>
          )}
          {[...quarantined]
            .sort((a, b) => b.receivedAt - a.receivedAt)
            .slice(0, QUARANTINE_SHOWN)
            .map((q) => (
              <tr key={q.id} data-testid="quarantine-row">
                <td>{when(q.receivedAt)}</td>
                <th scope="row">{q.source}</th>
                <td>{q.reason}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <table>
        <caption>Tags and end users dropped from accepted events (the events still count): per source and reason</caption>
        <thead>
          <tr>
            <th scope="col">From</th>
            <th scope="col">Why</th>
            <th scope="col" className="num">
              Events
            </th>
            <th scope="col">Last (UTC)</th>
            <th scope="col">Last event</th>
          </tr>
        </thead>
        <tbody>
          {warnings.length === 0 && (
            <tr>
              <td colSpan={5}>None.</td>
            </tr>
          )}
          {warnings.slice(0, QUARANTINE_SHOWN).map((w) => (
            <tr key={`${w.source}|${w.reason}`} data-testid="warning-row">
              <th scope="row">{w.source}</th>
              <td>{w.reason}</td>
              <td className="num">{w.count}</td>
              <td>{when(w.lastAt)}</td>
              <td>
                <code>{w.lastEventId}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <DeliveryLog notifications={deliveries} />
    </>
  );
}
