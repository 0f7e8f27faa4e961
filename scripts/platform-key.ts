/**
 * `npm run platform-key:create -- --name billing-agent --scopes usage:write,accounts:read [--expires-in-days N]`
 * `npm run platform-key:revoke -- --name billing-agent`
 * `npm run platform-key:list`
 *
 * Platform keys let the platform in front of the console call its API across accounts, with scopes
 * instead of a role. The secret is printed once, here; the database keeps only its hash. Every
 * create and revoke is in the audit log as "an operator command".
 */
import { parseArgs } from "node:util";
import { scopeNames, scopes } from "../lib/authz/scopes";
import { createPlatformKey } from "../lib/platform-keys/create";
import { operatorContext } from "../lib/platform-keys/operator";
import { listPlatformKeys } from "../lib/platform-keys/queries";
import { revokePlatformKey } from "../lib/platform-keys/revoke";
import { runOperatorCommand } from "./operator-command";

const usage = `Usage:
  npm run platform-key:create -- --name NAME --scopes SCOPE[,SCOPE…] [--expires-in-days N]
  npm run platform-key:revoke -- --name NAME
  npm run platform-key:list

Scopes:
${scopeNames.map((scope) => `  ${scope.padEnd(14)} ${scopes[scope].label}`).join("\n")}`;

function fail(message: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(1);
}

type Command = { kind: "create"; name: string; scopes: string[]; expiresInDays: number | null } | { kind: "revoke"; name: string } | { kind: "list" };

function commandFromArgs(argv: string[]): Command {
  const [kind, ...rest] = argv;
  let values;
  try {
    values = parseArgs({
      args: rest,
      options: { name: { type: "string" }, scopes: { type: "string" }, "expires-in-days": { type: "string" } },
      strict: true,
    }).values;
  } catch (error) {
    fail((error as Error).message);
  }
  if (kind === "list") {
    if (Object.keys(values).length > 0) fail("platform-key:list takes no options.");
    return { kind };
  }
  if (kind !== "create" && kind !== "revoke") fail(`Unknown command "${kind ?? ""}".`);
  if (!values.name) fail("--name is required.");
  if (kind === "revoke") {
    if (values.scopes !== undefined || values["expires-in-days"] !== undefined) fail("platform-key:revoke takes only --name.");
    return { kind, name: values.name };
  }
  if (!values.scopes) fail("--scopes is required, e.g. --scopes usage:write,accounts:read.");
  const days = values["expires-in-days"];
  if (days !== undefined && !/^\d+$/.test(days)) fail(`--expires-in-days must be a whole number of days, got "${days}".`);
  return { kind, name: values.name, scopes: values.scopes.split(","), expiresInDays: days === undefined ? null : Number(days) };
}

const when = (date: Date | null, none: string) => (date ? date.toISOString().replace(/\.\d{3}Z$/, "Z") : none);

async function run(command: Command) {
  const ctx = operatorContext();
  if (command.kind === "create") {
    const key = await createPlatformKey(ctx, { name: command.name, scopes: command.scopes, expiresInDays: command.expiresInDays });
    console.log(`Platform key "${key.name}" created.`);
    console.log(`  scopes:  ${key.scopes.join(", ")}`);
    console.log(`  expires: ${when(key.expiresAt, "never")}`);
    console.log("");
    console.log(`  ${key.secret}`);
    console.log("");
    console.log("Copy this secret now and keep it in the platform's secret store: it is shown only this once");
    console.log("(the console keeps only its hash). Send it as `Authorization: Bearer <secret>`.");
    return;
  }
  if (command.kind === "revoke") {
    const key = await revokePlatformKey(ctx, command.name);
    console.log(`Platform key "${key.name}" revoked: its next request is refused.`);
    return;
  }
  const keys = await listPlatformKeys(ctx);
  if (keys.length === 0) {
    console.log("No platform keys. Create one with npm run platform-key:create -- --name NAME --scopes SCOPES");
    return;
  }
  for (const key of keys) {
    console.log(`${key.name}  ${key.status}`);
    console.log(`  key:       ${key.displayPrefix}…${key.last4}`);
    console.log(`  scopes:    ${key.scopes.join(", ")}`);
    console.log(`  created:   ${when(key.createdAt, "")}`);
    console.log(`  expires:   ${when(key.expiresAt, "never")}`);
    console.log(`  last used: ${key.lastUsedAt ? `${when(key.lastUsedAt, "")} from ${key.lastUsedIp ?? "an unknown address"}` : "never"}`);
    if (key.revokedAt) console.log(`  revoked:   ${when(key.revokedAt, "")}`);
  }
}

const command = commandFromArgs(process.argv.slice(2));
await runOperatorCommand(() => run(command));
