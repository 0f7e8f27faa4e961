import { headers } from "next/headers";
import { clientAddress } from "@/lib/http/client-address";

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Where a request came from, read from its headers (the address as the console's server decided it). */
export function requestInfoFrom(h: Pick<Headers, "get">): RequestInfo {
  return { ip: clientAddress(h), userAgent: h.get("user-agent")?.slice(0, 400) ?? null };
}

/** Where the current request came from, for audit events and rate limits. Outside a request: unknown. */
export async function requestInfo(): Promise<RequestInfo> {
  try {
    return requestInfoFrom(await headers());
  } catch {
    return { ip: null, userAgent: null };
  }
}
