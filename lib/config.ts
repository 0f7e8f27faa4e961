import "server-only";
import { z } from "zod";
import { trustedProxiesProblem } from "./http/trusted-proxies";

/**
 * Every setting the console reads, with its default. `.env.example` lists the same names.
 * `loadConfig()` throws a ConfigError naming each missing or malformed setting.
 */
const urlWithProtocol = (protocols: string[]) =>
  z.string().refine((value) => {
    try {
      return protocols.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  }, `must be a URL starting with ${protocols.join(" or ")}//`);

const schema = z
  .object({
    APP_ENV: z.enum(["development", "production"]).default("development"),
    APP_URL: urlWithProtocol(["http:", "https:"]).optional(),
    DATABASE_URL: urlWithProtocol(["postgres:", "postgresql:"]).optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    SMTP_URL: urlWithProtocol(["smtp:", "smtps:"]).optional(),
    MAIL_FROM: z.string().min(3).default("Organization Console <console@localhost>"),
    NEW_ORGANIZATION_STATUS: z.enum(["suspended", "active"]).default("suspended"),
    MAX_ORGANIZATIONS_PER_USER: z.coerce.number().int().min(0).default(0),
    SESSION_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    SESSION_IDLE_TIMEOUT_MINUTES: z.coerce.number().int().min(5).max(525_600).default(1440),
    JOBS_WORKER: z.enum(["on", "off"]).default("on"),
    CURRENCY: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 4217 code like EUR").default("EUR"),
    LOW_BALANCE_THRESHOLD_MINOR: z.coerce.number().int().min(0).default(500),
    PAYMENT_PROVIDER: z.enum(["sandbox"]).default("sandbox"),
    SANDBOX_PAYMENTS_IN_PRODUCTION: z.enum(["true", "false"]).default("false"),
    SELLER_NAME: z.string().min(1).default("Organization Console SAS"),
    SELLER_ADDRESS: z.string().min(1).default("1 rue de la Paix|75002 Paris|France"),
    SELLER_COUNTRY: z.string().regex(/^[A-Z]{2}$/, "must be an ISO 3166 alpha-2 code like FR").default("FR"),
    SELLER_TAX_ID: z.string().default("FR40303265045"),
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(2),
    TRUSTED_PROXIES: z
      .string()
      .default("")
      .superRefine((value, ctx) => {
        const problem = trustedProxiesProblem(value);
        if (problem) ctx.addIssue({ code: "custom", message: `must list IPs, CIDRs or loopback/linklocal/uniquelocal, separated by commas (${problem})` });
      }),
    DEV_OUTBOX_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
    API_KEY_MAX_EXPIRY_DAYS: z.coerce.number().int().min(1, "must be at least 1 (days)").max(3650, "must be at most 3650 (days)").optional(),
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
    API_PLATFORM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(6000),
  })
  .superRefine((env, ctx) => {
    if (env.APP_ENV !== "production") return;
    for (const key of ["APP_URL", "AUTH_SECRET", "DATABASE_URL", "SMTP_URL"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when APP_ENV=production" });
    }
    if (env.PAYMENT_PROVIDER === "sandbox" && env.SANDBOX_PAYMENTS_IN_PRODUCTION !== "true") {
      ctx.addIssue({ code: "custom", path: ["PAYMENT_PROVIDER"], message: "is the sandbox, which takes no real money: refused when APP_ENV=production unless SANDBOX_PAYMENTS_IN_PRODUCTION=true" });
    }
  });

export type Config = z.infer<typeof schema> & { APP_URL: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`));
  }
  return { ...result.data, APP_URL: (result.data.APP_URL ?? `http://localhost:${env.PORT ?? 3000}`).replace(/\/$/, "") };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests that change process.env call this so the next `config()` reads it again. */
export function resetConfigForTests() {
  cached = undefined;
}

export const isProduction = () => config().APP_ENV === "production";
