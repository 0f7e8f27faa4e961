/**
 * Reads a whole request body as bytes, up to `maxBytes`. A body over the limit is not buffered
 * further: the reader stops and the answer says so (`tooLarge`). Null when the request has no body.
 */
export async function readBody(request: Request, maxBytes: number): Promise<{ bytes: Uint8Array<ArrayBuffer>; tooLarge: boolean } | null> {
  if (!request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        tooLarge = true;
        break;
      }
      chunks.push(value);
    }
  } finally {
    // Not awaited: cancelling one branch of a cloned (teed) body settles only once the other
    // branch is cancelled or read too, which the proxy leaves to Next.
    if (tooLarge) void reader.cancel().catch(() => undefined);
    else reader.releaseLock();
  }
  const bytes = new Uint8Array(tooLarge ? 0 : size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, tooLarge };
}

/**
 * Reads at most `maxBytes` of a request body as UTF-8 text, and says whether there was more. The
 * rest is never buffered. Null when the request has no body.
 */
export async function readBodyPrefix(request: Request, maxBytes: number): Promise<{ text: string; truncated: boolean } | null> {
  const body = await readBody(request, maxBytes);
  if (!body) return null;
  return { text: new TextDecoder().decode(body.bytes), truncated: body.tooLarge };
}
