import proxyaddr from "proxy-addr";

export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * Parses TRUSTED_PROXIES: a comma-separated list of IPs, CIDRs (`10.0.0.0/8`) and the names
 * `loopback`, `linklocal` and `uniquelocal`, understood by the maintained proxy-addr package.
 * Empty (the default) trusts no proxy: the socket's address is the client's.
 */
export function compileTrustedProxies(setting: string | undefined): TrustProxy {
  const entries = (setting ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  return proxyaddr.compile(entries);
}

/** The setting's error in words, or null when proxy-addr accepts it. */
export function trustedProxiesProblem(setting: string): string | null {
  try {
    compileTrustedProxies(setting);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
