import type { ModelFamily } from "@/lib/pricing/modelFamilies";

/** Every model the price book prices, with the deployment types, tiers and token kinds its meters cover, and the meters. */
export function ModelFamilies({ families }: { families: ModelFamily[] }) {
  return (
    <table>
      <caption>Model families: {families.length} models priced (chargeback prices catalog lists every meter, and why any is skipped)</caption>
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Deployment types</th>
          <th scope="col">Tiers</th>
          <th scope="col">Token kinds</th>
          <th scope="col">Regions</th>
          <th scope="col">Meters</th>
        </tr>
      </thead>
      <tbody>
        {families.map((f) => (
          <tr key={f.modelId} data-testid="family-row">
            <th scope="row">{f.modelId}</th>
            <td>{f.skus.join(", ")}</td>
            <td>
              {f.tiers.join(", ")}
              {f.longContext ? ", long context" : ""}
            </td>
            <td>{f.kinds.join(", ")}</td>
            <td>{f.regions.join(", ")}</td>
            <td>
              <details>
                <summary>{f.meters.length} meters</summary>
                <ul>
                  {f.meters.map((m) => (
                    <li key={m}>{m}</li>
                  ))}
                </ul>
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
