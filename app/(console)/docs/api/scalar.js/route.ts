import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * Scalar's standalone bundle, served by the console from node_modules (there is no CDN to reach
 * and the policy allows scripts from 'self' only). Read once per process; cached by browsers for a
 * day and revalidated by version.
 */
let bundle: Promise<{ body: Buffer; etag: string }> | undefined;

function load() {
  bundle ??= (async () => {
    // The console runs from its own directory (npm start, scripts/server.ts), node_modules beside it.
    const root = path.join(process.cwd(), "node_modules", "@scalar", "api-reference");
    const { version } = JSON.parse(await readFile(path.join(root, "package.json"), "utf8")) as { version: string };
    const body = await readFile(path.join(root, "dist", "browser", "standalone.js"));
    return { body, etag: `"scalar-${version}"` };
  })();
  return bundle;
}

export async function GET(request: Request) {
  const { body, etag } = await load();
  const headers = { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=86400", ETag: etag, "X-Content-Type-Options": "nosniff" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body), { headers });
}
