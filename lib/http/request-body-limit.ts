import { IncomingMessage, type ServerResponse } from "node:http";
import { apiRefusalBody, isApiPath, PROBLEM_JSON } from "./api-refusal";

/**
 * Body-size limit in front of Next.js. A declared Content-Length over the limit is refused before
 * a byte of the body is read; a body without one (chunked) is read up to the limit and refused as
 * soon as it passes it, so memory stays bounded whatever is sent.
 */

/** What is read and thrown away after a 413, so that a client still sending gets to read it. */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
const DRAIN_MAX_MS = 3000;

/**
 * Answers 413 at once. The rest of the body is read and discarded (memory stays flat) for a few
 * seconds or megabytes: a client still uploading then sees the answer instead of a reset
 * connection. Past that the connection is cut.
 */
export function refuseTooLarge(request: IncomingMessage, response: ServerResponse, limit: number) {
  if (response.headersSent) return void request.destroy();
  const message = `Requests may carry at most ${Math.floor(limit / 1024)} KB.`;
  const api = isApiPath(request.url);
  const body = api ? apiRefusalBody(413, "payload_too_large", message) : JSON.stringify({ error: "payload_too_large", message });
  response.writeHead(413, { "Content-Type": api ? PROBLEM_JSON : "application/json", "Content-Length": Buffer.byteLength(body), "Cache-Control": "no-store" });
  response.end(body);
  let drained = 0;
  const cut = setTimeout(() => request.socket.destroy(), DRAIN_MAX_MS).unref();
  request.on("data", (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > DRAIN_MAX_BYTES) request.socket.destroy();
  });
  request.once("end", () => clearTimeout(cut));
  request.once("close", () => clearTimeout(cut));
}

/** True when the request declares more than `limit` bytes (an unparsable length counts as too much). */
export function declaresTooLargeBody(request: IncomingMessage, limit: number): boolean {
  const declared = request.headers["content-length"];
  if (declared === undefined) return false;
  return !/^\d+$/.test(declared) || Number(declared) > limit;
}

/** A body of unknown length: chunked transfer encoding without Content-Length. */
export function hasUnsizedBody(request: IncomingMessage): boolean {
  return request.headers["content-length"] === undefined && request.headers["transfer-encoding"] !== undefined;
}

/**
 * Reads an unsized body, at most `limit` bytes. Over the limit it stops keeping what it reads,
 * answers 413 and returns null; otherwise it returns a copy of the request (same socket, method,
 * URL and headers, plus its real Content-Length) that replays the body to Next.js.
 */
export async function readUnsizedBody(request: IncomingMessage, response: ServerResponse, limit: number): Promise<IncomingMessage | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  const complete = await new Promise<boolean>((resolve) => {
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        request.off("data", onData);
        resolve(false);
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => resolve(true));
    request.once("error", () => resolve(false));
    request.once("close", () => resolve(false));
  });
  if (!complete) {
    chunks.length = 0;
    refuseTooLarge(request, response, limit);
    return null;
  }
  const body = Buffer.concat(chunks);
  const replay = new IncomingMessage(request.socket);
  // The body is already here: nothing more to pull from the socket.
  replay._read = () => undefined;
  replay.method = request.method;
  replay.url = request.url;
  replay.httpVersion = request.httpVersion;
  replay.httpVersionMajor = request.httpVersionMajor;
  replay.httpVersionMinor = request.httpVersionMinor;
  const { "transfer-encoding": _chunked, ...headers } = request.headers;
  replay.headers = { ...headers, "content-length": String(body.length) };
  replay.rawHeaders = Object.entries(replay.headers).flatMap(([name, value]) => (Array.isArray(value) ? value.flatMap((v) => [name, v]) : [name, String(value)]));
  replay.push(body);
  replay.push(null);
  replay.complete = true;
  response.once("close", () => replay.destroy());
  return replay;
}
