/**
 * At most `perSender` intake requests of one sender (ingest key or Entra ID client) in flight at a
 * time: one sender's slow or runaway uploads cannot hold every connection and every buffered body.
 */
export function senderSlots(perSender: number) {
  const inFlight = new Map<string, number>();
  return {
    /** A function that frees the slot, or null when the sender already holds `perSender`. */
    take(sender: string): (() => void) | null {
      const held = inFlight.get(sender) ?? 0;
      if (held >= perSender) return null;
      inFlight.set(sender, held + 1);
      let freed = false;
      return () => {
        if (freed) return;
        freed = true;
        const left = (inFlight.get(sender) ?? 1) - 1;
        if (left > 0) inFlight.set(sender, left);
        else inFlight.delete(sender);
      };
    },
  };
}
