/** A search box over one table, sent as `name` (`q` unless the page has several) in the address with the page's other parameters (a new search starts on page 1). */
export function TableSearch({
  path,
  keep,
  q,
  label,
  name = "q",
}: {
  path: string;
  keep: readonly [string, string][];
  q: string;
  label: string;
  name?: string;
}) {
  return (
    <form method="get" action={path} className="inline-form">
      {keep.map(([param, value]) => (
        <input key={`${param}=${value}`} type="hidden" name={param} value={value} />
      ))}
      <label>
        {label} <input type="search" name={name} defaultValue={q} />
      </label>
      <button type="submit">Search</button>
    </form>
  );
}
