import type { CorrectionImpact } from "@/lib/reports/previewCorrections";

/** The corrections a change would book in closed months, per month and business unit, shown before it is applied. */
export function CorrectionsPreview({ impact, what }: { impact: readonly CorrectionImpact[]; what: string }) {
  return (
    <table data-testid="corrections-preview">
      <caption>{what} reaches closed months: it books these corrections when applied</caption>
      <thead>
        <tr>
          <th scope="col">Closed month</th>
          <th scope="col">Business unit</th>
          <th scope="col" className="num">
            Correction
          </th>
          <th scope="col">Booked in</th>
        </tr>
      </thead>
      <tbody>
        {impact.map((r) => (
          <tr key={`${r.forMonth}|${r.businessUnit}`} data-testid="correction-row">
            <th scope="row">{r.forMonth}</th>
            <td>{r.businessUnit || "Unmapped apps"}</td>
            <td className="num">{r.cost}</td>
            <td>{r.landing}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
