/**
 * Turns a raw request body into the text fields a server-side parser could make of it, so the
 * card-data guard reads what the console will read, whatever the encoding.
 *
 * Every text is decoded as UTF-8 (what fetch's `formData()`, `json()` and Next's server-action
 * reader use whatever the header says) AND, when the body or a multipart part declares another
 * charset, in that charset too (what busboy, Next's multipart server-action parser, does with a
 * part's `Content-Type: text/plain; charset=utf-16le`). A charset nobody can decode, or bytes
 * that are not valid in the declared charset, throw `UndecodableBodyError`: such a body is refused,
 * never waved through unread.
 */
export interface BodyField {
  /** The field name (multipart part, URL-encoded key); null for a whole JSON or text body. */
  name: string | null;
  value: string;
  /** An uploaded file: its content is not text the console stores, only its name is checked. */
  isFile: boolean;
}

export class UndecodableBodyError extends Error {
  constructor(readonly charset: string) {
    super(`Cannot decode a body declared as charset=${charset}`);
    this.name = "UndecodableBodyError";
  }
}

const utf8 = new TextDecoder("utf-8");
/** busboy's names that the WHATWG encoding list does not know. */
const charsetAliases: Record<string, string> = { utf16le: "utf-16le", ucs2: "utf-16le" };

function decoderFor(charset: string): TextDecoder {
  const label = charset.trim().toLowerCase();
  try {
    return new TextDecoder(charsetAliases[label] ?? label, { fatal: true });
  } catch {
    throw new UndecodableBodyError(charset);
  }
}

/** Every reading of these bytes a parser could make: UTF-8, and the declared charset if another. */
function readings(bytes: Uint8Array, charset: string | undefined): string[] {
  const asUtf8 = utf8.decode(bytes);
  if (!charset) return [asUtf8];
  const decoder = decoderFor(charset);
  if (decoder.encoding === "utf-8") return [asUtf8];
  try {
    return [decoder.decode(bytes), asUtf8];
  } catch {
    throw new UndecodableBodyError(charset);
  }
}

interface ContentType {
  type: string;
  params: Record<string, string>;
}

function parseHeaderValue(value: string): ContentType {
  const [type = "", ...rest] = value.split(";");
  const params: Record<string, string> = {};
  for (const match of rest.join(";").matchAll(/\s*([^=;\s]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const key = match[1]!.toLowerCase();
    let raw = match[2]!.trim();
    if (raw.startsWith('"')) raw = raw.slice(1, -1).replace(/\\(.)/g, "$1");
    if (key.endsWith("*")) {
      // RFC 5987: charset'language'percent-encoded
      const ext = /^([^']*)'[^']*'(.*)$/.exec(raw);
      if (ext) params[key.slice(0, -1)] = readings(percentDecode(ext[2]!), ext[1] || undefined)[0]!;
      continue;
    }
    params[key] ??= raw;
  }
  return { type: type.trim().toLowerCase(), params };
}

/** Bytes as a string of the same length (one character per byte), to find boundaries and separators in. */
function binary(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}

function bytesOf(binaryText: string): Uint8Array {
  const bytes = new Uint8Array(binaryText.length);
  for (let i = 0; i < binaryText.length; i++) bytes[i] = binaryText.charCodeAt(i);
  return bytes;
}

function percentDecode(text: string): Uint8Array {
  return bytesOf(text.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
}

function multipartFields(bytes: Uint8Array, boundary: string, defaultCharset: string | undefined): BodyField[] | null {
  const body = binary(bytes);
  const chunks = body.split(`--${boundary}`);
  if (chunks.length < 2) return null;
  const fields: BodyField[] = [];
  for (const chunk of chunks.slice(1)) {
    if (chunk.startsWith("--")) break;
    const headerEnd = chunk.indexOf("\r\n\r\n");
    if (headerEnd === -1) continue;
    const headers: Record<string, string> = {};
    for (const line of chunk.slice(0, headerEnd).replace(/\r\n[ \t]+/g, " ").split("\r\n")) {
      const colon = line.indexOf(":");
      if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = utf8.decode(bytesOf(line.slice(colon + 1).trim()));
    }
    const disposition = parseHeaderValue(headers["content-disposition"] ?? "");
    const name = disposition.params.name ?? null;
    const isFile = disposition.params.filename !== undefined;
    let content = chunk.slice(headerEnd + 4);
    if (content.endsWith("\r\n")) content = content.slice(0, -2);
    if (isFile) {
      fields.push({ name, value: "", isFile });
      continue;
    }
    const charset = parseHeaderValue(headers["content-type"] ?? "").params.charset ?? defaultCharset;
    for (const value of readings(bytesOf(content), charset)) fields.push({ name, value, isFile });
  }
  return fields;
}

function urlEncodedFields(bytes: Uint8Array, charset: string | undefined): BodyField[] {
  const fields: BodyField[] = [];
  for (const pair of binary(bytes).split("&")) {
    if (!pair) continue;
    const equals = pair.indexOf("=");
    const [rawName, rawValue] = equals === -1 ? [pair, ""] : [pair.slice(0, equals), pair.slice(equals + 1)];
    const names = readings(percentDecode(rawName.replace(/\+/g, " ")), charset);
    const values = readings(percentDecode(rawValue.replace(/\+/g, " ")), charset);
    values.forEach((value, i) => fields.push({ name: names[i] ?? names[0]!, value, isFile: false }));
  }
  return fields;
}

/** The text fields of a body, in every reading a parser could make (see the module comment). */
export function bodyFields(bytes: Uint8Array, contentTypeHeader: string | null | undefined): BodyField[] {
  const contentType = parseHeaderValue(contentTypeHeader ?? "");
  const charset = contentType.params.charset;
  if (charset) decoderFor(charset);
  if (contentType.type === "multipart/form-data" && contentType.params.boundary) {
    const fields = multipartFields(bytes, contentType.params.boundary, charset);
    if (fields) return fields;
  }
  if (contentType.type === "application/x-www-form-urlencoded") return urlEncodedFields(bytes, charset);
  return readings(bytes, charset).map((value) => ({ name: null, value, isFile: false }));
}
