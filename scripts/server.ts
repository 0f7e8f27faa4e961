/**
 * The console's HTTP server (started by scripts/start.ts): Next.js through its custom-server API,
 * with every request passing lib/http/edge.ts first. Next.js keeps whatever X-Forwarded-* headers a
 * client sends, so deciding who the client is has to happen here, in front of it.
 */
import { createServer } from "node:http";
import os from "node:os";
import next from "next";
import { parseConfig } from "../lib/config";
import { authUrl } from "../lib/http/auth-url";
import { MAX_BODY_BYTES } from "../lib/http/body-limit";
import { createEdgeHandler } from "../lib/http/edge";
import { compileTrustedProxies } from "../lib/http/trusted-proxies";
import { outboxLink } from "../lib/mail/outbox-access";

const dev = process.argv[2] === "dev";
const settings = parseConfig(process.env);
const production = settings.APP_ENV === "production";
const port = Number(process.env.PORT ?? 3000);
// Outside production only this machine can reach the console unless HOSTNAME says otherwise.
// Containers export HOSTNAME as the machine's own name: that is not a choice of interface.
const chosen = process.env.HOSTNAME && process.env.HOSTNAME !== os.hostname() ? process.env.HOSTNAME : undefined;
const hostname = chosen ?? (production ? "0.0.0.0" : "127.0.0.1");

// Auth.js then builds its URLs from APP_URL, never from a request's Host (lib/http/auth-url.ts).
process.env.AUTH_URL = authUrl(settings.APP_URL);
process.env.CONSOLE_SERVER = "1";

const app = next({ dev, hostname, port });
await app.prepare();
const handle = app.getRequestHandler();
const edge = createEdgeHandler(
  {
    trust: compileTrustedProxies(settings.TRUSTED_PROXIES),
    maxBodyBytes: MAX_BODY_BYTES,
    outboxToken: production ? undefined : settings.DEV_OUTBOX_TOKEN,
    secureCookies: settings.APP_URL.startsWith("https://"),
  },
  (request, response) => handle(request, response),
);

const server = createServer((request, response) => {
  edge(request, response).catch((error: unknown) => {
    console.error("[server]", error);
    if (!response.headersSent) response.writeHead(500).end();
  });
});
// A client announcing a too-large body with `Expect: 100-continue` gets its 413 before sending it.
server.on("checkContinue", (request, response) => {
  if (Number(request.headers["content-length"] ?? 0) > MAX_BODY_BYTES) return void edge(request, response);
  response.writeContinue();
  server.emit("request", request, response);
});

server.listen(port, hostname, () => {
  console.log(`Console ready on ${settings.APP_URL} (listening on ${hostname}:${port}).`);
  if (!production && settings.DEV_OUTBOX_TOKEN) console.log(`Mail outbox: ${outboxLink(settings.APP_URL, settings.DEV_OUTBOX_TOKEN)}`);
});

// A terminal's Ctrl-C reaches this process and start.ts, which forwards it too: close once.
let closing = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
