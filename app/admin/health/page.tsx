import { forbidden } from "next/navigation";
import { may } from "@/lib/auth/access";
import { requireCaller } from "@/app/_server/currentCaller";
import { getPipelineHealth } from "@/lib/health/getPipelineHealth";
import { getSharedStore } from "@/lib/store";
import { DeliveryLog } from "./DeliveryLog";
import { QuarantineTable } from "./QuarantineTable";
import { StatusChecks } from "./StatusChecks";

export const dynamic = "force-dynamic";

const WARNINGS_SHOWN = 20;
const when = (at: number | null) => (at === null ? "never" : `${new Date(at).toISOString().replace("T", " ").slice(0, 16)} UTC`);

type Props = { searchParams: Promise<{ done?: string; error?: string }> };

/** The pipeline's status page: each check green, amber or red in words, then the detail behind them. Admins. */
export default async function HealthPage({ searchParams }: Props) {
  const caller = await requireCaller("/admin/health");
  if (!may(caller, "health:read")) forbidden();
  const { done, error } = await searchParams;
  const store = getSharedStore();
  const [health, doctor, quarantined, lags, warnings, deliveries] = await Promise.all([
    getPipelineHealth(store),
    store.getLastDoctorRun(),
    store.listQuarantined("open"),
    store.listPipelineLag(),
    store.listIngestWarnings(),
    store.listNotifications(50),
  ]);
  const fails = doctor?.findings.filter((f) => f.severity === "FAIL").length ?? 0;
  return (
    <>
      <h1>Pipeline health</h1>
      <p className="sub">How ingest, enrichment and the Azure resources behind them are doing, as of {when(health.at)}.</p>
      {done && <p role="status">{done}</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <StatusChecks health={health} />
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
      <QuarantineTable open={quarantined} canAct={may(caller, "quarantine:write")} />
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
          {warnings.slice(0, WARNINGS_SHOWN).map((w) => (
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
