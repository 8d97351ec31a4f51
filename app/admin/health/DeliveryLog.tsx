import type { StoredNotification } from "../../../lib/notifications/notification";

const when = (at: number | null) => (at === null ? "—" : `${new Date(at).toISOString().replace("T", " ").slice(0, 16)} UTC`);

/** The notification outbox, newest first: what was sent, and what waits for a retry and why. */
export function DeliveryLog({ notifications }: { notifications: StoredNotification[] }) {
  return (
    <table>
      <caption>Notification deliveries (latest {notifications.length})</caption>
      <thead>
        <tr>
          <th scope="col">Queued</th>
          <th scope="col">Subject</th>
          <th scope="col">To</th>
          <th scope="col">Status</th>
          <th scope="col" className="num">
            Attempts
          </th>
          <th scope="col">Sent, or next try</th>
          <th scope="col">Last error</th>
        </tr>
      </thead>
      <tbody>
        {notifications.length === 0 && (
          <tr>
            <td colSpan={7}>Nothing queued yet: notifications start when a budget threshold is crossed or a month is closed.</td>
          </tr>
        )}
        {notifications.map((n) => (
          <tr key={n.key} data-testid="delivery">
            <td>{when(n.createdAt)}</td>
            <td>{n.subject}</td>
            <td>{n.recipient}</td>
            <td>{n.status === "sent" ? "sent" : n.attempts === 0 ? "queued" : "retrying"}</td>
            <td className="num">{n.attempts}</td>
            <td>{n.status === "sent" ? when(n.sentAt) : when(n.dueAt)}</td>
            <td>{n.lastError ?? ""}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
