/** Why a change was refused, one sentence a line. */
export function Problems({ problems, intro }: { problems?: readonly string[]; intro: string }) {
  if (!problems || problems.length === 0) return null;
  return (
    <div role="alert" className="error">
      <p>{intro}</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
