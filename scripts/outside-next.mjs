/**
 * Preloaded (`node --import`, `tsx --import`) by the commands that run our server modules outside
 * Next: the scripts (seed, migrate, billing run, coupons, start) and the Playwright workers. Inside
 * Next, `server-only` is what makes a client import of a database or secret module fail the build;
 * here there is no client, so the marker resolves to an empty module instead of throwing.
 */
import { register } from "node:module";

register("./outside-next-hooks.mjs", import.meta.url);
