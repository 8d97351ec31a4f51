// The floor for bench:intake: a bare Node HTTP server on loopback that reads each body, parses it
// as JSON and answers 200 — no framework, no store — run as its own process like the web app.
import http from "node:http";

const port = Number(process.argv[2]);
http
  .createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      let status = 200;
      try {
        JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        status = 400;
      }
      res.writeHead(status, { "content-type": "application/json" }).end('{"accepted":1}');
    });
  })
  .listen(port, "127.0.0.1", () => console.log("listening"));
