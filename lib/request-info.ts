import { headers } from "next/headers";

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

/** Where a request came from, for audit events and rate limits. Outside a request: unknown. */
export async function requestInfo(): Promise<RequestInfo> {
  try {
    const h = await headers();
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    return { ip: forwarded || h.get("x-real-ip") || null, userAgent: h.get("user-agent")?.slice(0, 400) ?? null };
  } catch {
    return { ip: null, userAgent: null };
  }
}
