import { z } from "zod";

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
    JOBS_WORKER: z.enum(["on", "off"]).default("on"),
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(2),
  })
  .superRefine((env, ctx) => {
    if (env.APP_ENV !== "production") return;
    for (const key of ["APP_URL", "AUTH_SECRET", "DATABASE_URL", "SMTP_URL"] as const) {
      if (!env[key]) ctx.addIssue({ code: "custom", path: [key], message: "is required when APP_ENV=production" });
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
