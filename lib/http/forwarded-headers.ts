import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { isIP } from "node:net";
import proxyaddr from "proxy-addr";
import type { TrustProxy } from "./trusted-proxies";

/** What the custom server needs of a request: the socket's address and the headers it carries. */
export interface IncomingRequestLike {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string };
}

const forwardedHeaders = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip", "forwarded"] as const;
/** Kept from a trusted proxy: the host and scheme the visitor used in front of it. */
const keptFromTrustedProxy = ["x-forwarded-host", "x-forwarded-proto", "x-forwarded-port"] as const;

/** `::ffff:127.0.0.1` (an IPv4 client of a dual-stack socket) is 127.0.0.1, for one key per client. */
function normalizeAddress(address: string): string {
  return /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(address)?.[1] ?? address;
}

/**
 * The visitor's address: the socket's, unless the socket is a trusted proxy, in which case
 * X-Forwarded-For is walked from the right while each hop is trusted (proxy-addr). Something that
 * is not an IP address where the walk stops is never the answer: the last real hop is.
 */
export function decideClientAddress(request: IncomingRequestLike, trust: TrustProxy): string | null {
  if (!request.socket.remoteAddress) return null;
  const chain = proxyaddr.all(request as IncomingMessage, trust);
  const address = chain.reverse().find((entry) => isIP(entry) !== 0);
  return address ? normalizeAddress(address) : null;
}

function lastValue(value: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(value) ? value.join(",") : value;
  const last = joined?.split(",").at(-1)?.trim();
  return last || undefined;
}

/**
 * Rewrites a request's forwarding headers before Next.js sees them (Next keeps whatever a client
 * sends): every X-Forwarded-*, X-Real-IP and Forwarded header is dropped, X-Forwarded-For is set
 * to the decided client address alone, and the forwarded host, scheme and port survive only when
 * the socket itself is a trusted proxy (the value that proxy added: the last in a list).
 */
export function applyForwardedHeaders(request: IncomingRequestLike, trust: TrustProxy): string | null {
  const client = decideClientAddress(request, trust);
  const hop = request.socket.remoteAddress;
  const fromTrustedProxy = hop !== undefined && trust(hop, 0);
  const kept = fromTrustedProxy ? keptFromTrustedProxy.map((name) => [name, lastValue(request.headers[name])] as const) : [];
  for (const name of forwardedHeaders) delete request.headers[name];
  for (const [name, value] of kept) if (value) request.headers[name] = value;
  if (client) request.headers["x-forwarded-for"] = client;
  return client;
}
