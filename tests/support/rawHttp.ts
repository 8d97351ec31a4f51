import http from "node:http";
import net from "node:net";

/**
 * A request written by hand on a raw socket, so a test can declare a body it never sends (or send
 * only part of it) and see whether and when the server answers: fetch clients cannot do that.
 */
export function rawRequest(
  port: number,
  head: string[],
  bodyPart = "",
): { answer: (withinMs: number) => Promise<{ status: number; text: string } | null>; close: () => void } {
  const socket = net.connect(port, "127.0.0.1");
  let received = "";
  socket.on("data", (d) => (received += d.toString("latin1")));
  socket.on("error", () => undefined);
  socket.write(`${head.join("\r\n")}\r\n\r\n${bodyPart}`);
  return {
    answer: (withinMs) =>
      new Promise((resolve) => {
        const started = Date.now();
        const check = () => {
          const status = /^HTTP\/1\.1 (\d{3})/.exec(received);
          if (status && received.includes("\r\n\r\n")) return resolve({ status: Number(status[1]), text: received });
          if (Date.now() - started > withinMs || socket.destroyed) return resolve(null);
          setTimeout(check, 50);
        };
        check();
      }),
    close: () => socket.destroy(),
  };
}

/** Resolves with how long the server took to close the connection, or null if it stayed open `withinMs`. */
export function closedWithin(port: number, partial: string, withinMs: number): Promise<number | null> {
  const socket = net.connect(port, "127.0.0.1");
  const started = Date.now();
  socket.on("error", () => undefined);
  socket.write(partial);
  return new Promise((resolve) => {
    const timer = setTimeout(() => (socket.destroy(), resolve(null)), withinMs);
    socket.on("close", () => (clearTimeout(timer), resolve(Date.now() - started)));
  });
}

/** Whether a keep-alive connection left idle for `idleMs` after a response still carries the next request. */
export async function keptAliveFor(port: number, path: string, idleMs: number): Promise<boolean> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = () =>
    new Promise<boolean>((resolve, reject) => {
      const req = http.get({ host: "127.0.0.1", port, path, agent }, (res) => {
        res.resume();
        res.on("end", () => resolve(req.reusedSocket));
      });
      req.on("error", reject);
    });
  try {
    await get();
    await new Promise((resolve) => setTimeout(resolve, idleMs));
    return await get();
  } finally {
    agent.destroy();
  }
}
