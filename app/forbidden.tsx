export default function Forbidden() {
  return (
    <>
      <h1>Not yours to see</h1>
      <p className="empty">
        You are signed in, but this page belongs to a business unit or role you do not have. <a href="/">Go to your overview</a>, or ask a Chargeback admin for
        access.
      </p>
    </>
  );
}
