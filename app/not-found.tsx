export default function NotFound() {
  return (
    <>
      <h1>Not found</h1>
      <p className="empty">
        There is no such page or business unit. <a href="/">Go to the overview</a>.
      </p>
    </>
  );
}
