import { config } from "zod";

/*
 * Runs before the app's client code. Zod compiles object parsers with `new Function` when it may,
 * and probes for that by trying it: under the Content-Security-Policy (no 'unsafe-eval', proxy.ts)
 * the probe is a reported violation. Parse without the compiler in the browser.
 */
config({ jitless: true });
