import { describe, expect, it } from "vitest";
import { db } from "@/db/client";
import { auditEvents } from "@/db/schema";
import { contextFor, createOrganizationWith, createUser } from "@/test/factories";
import { csvCell, csvRow } from "./csv";
import { auditLogCsvStream } from "./export";

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    ["", ""],
    [null, ""],
    [42, "42"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=1+1", "'=1+1"],
    ["+1", "'+1"],
    ["-1", "'-1"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\t=1", "'\t=1"],
    ["\r=1", "\"'\r=1\""],
    ['=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ["a=1", "a=1"],
  ])("%j → %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("ends rows with CRLF", () => {
    expect(csvRow(["a", "b,c"])).toBe('a,"b,c"\r\n');
  });
});

describe("auditLogCsvStream", () => {
  it("streams every matching event of the account, in batches, escaped and defused", async () => {
    const admin = await createUser();
    const organization = await createOrganizationWith({ admin });
    const other = await createOrganizationWith({});
    const base = Date.parse("2024-02-01T00:00:00Z");
    await db.insert(auditEvents).values(
      Array.from({ length: 23 }, (_, i) => ({
        accountId: organization.id,
        action: i % 2 ? "user.signed_in" : "organization.updated",
        actorEmail: `user${i}@example.test`,
        targetType: "account",
        createdAt: new Date(base + Math.floor(i / 2) * 60_000),
      })),
    );
    await db.insert(auditEvents).values([
      {
        accountId: organization.id,
        action: "organization.updated",
        actorEmail: '=HYPERLINK("http://evil.test","click")',
        targetType: "account",
        targetId: "+1",
        metadata: { changes: { name: { from: "Old, Inc", to: 'New "Co"' } } },
        ip: "203.0.113.7",
        createdAt: new Date("2024-03-01T00:00:00Z"),
      },
      { accountId: other.id, action: "organization.updated", actorEmail: "stranger@example.test", targetType: "account" },
    ]);
    const ctx = await contextFor(admin, organization.slug);

    const all = await new Response(auditLogCsvStream(ctx, {}, { batchSize: 5 })).text();
    const lines = all.split("\r\n");
    expect(lines[0]).toBe("time_utc,actor_email,action,action_label,target_type,target_id,details,ip,user_agent,actor_channel,actor_credential_id,actor_label,actor");
    expect(lines.at(-1)).toBe("");
    expect(lines).toHaveLength(1 + 24 + 1);
    // jsonb stores keys shortest first, hence "to" before "from".
    expect(lines[1]).toBe(
      `2024-03-01T00:00:00.000Z,"'=HYPERLINK(""http://evil.test"",""click"")",organization.updated,Organization updated,account,'+1,"{""changes"":{""name"":{""to"":""New \\""Co\\"""",""from"":""Old, Inc""}}}",203.0.113.7,,,,,"by =HYPERLINK(""http://evil.test"",""click"")"`,
    );
    expect(all).not.toContain("stranger@example.test");
    const times = lines.slice(1, -1).map((line) => line.split(",")[0]!);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set(lines).size).toBe(lines.length);

    const filtered = await new Response(auditLogCsvStream(ctx, { action: "user.signed_in" }, { batchSize: 5 })).text();
    expect(filtered.split("\r\n").slice(1, -1)).toHaveLength(11);
    expect(filtered).not.toContain("organization.updated");
  });

  it("writes the header alone when nothing matches", async () => {
    const admin = await createUser();
    const organization = await createOrganizationWith({ admin });
    const csv = await new Response(auditLogCsvStream(await contextFor(admin, organization.slug), { actor: "nobody" })).text();
    expect(csv).toBe("time_utc,actor_email,action,action_label,target_type,target_id,details,ip,user_agent,actor_channel,actor_credential_id,actor_label,actor\r\n");
  });

  it("says how each change came in: the channel, the key or job, and who in words", async () => {
    const admin = await createUser();
    const organization = await createOrganizationWith({ admin });
    const at = (minute: number) => new Date(Date.parse("2024-05-01T00:00:00Z") + minute * 60_000);
    await db.insert(auditEvents).values([
      { accountId: organization.id, action: "member.invited", actorId: admin.id, actorEmail: admin.email, actorChannel: "session", targetType: "invitation", createdAt: at(4) },
      { accountId: organization.id, action: "member.invited", actorId: admin.id, actorEmail: admin.email, actorChannel: "api_key", actorCredentialId: "key-1", actorLabel: "ci-deploy", targetType: "invitation", createdAt: at(3) },
      { accountId: organization.id, action: "account.activated", actorChannel: "platform_key", actorCredentialId: "pk-1", actorLabel: "billing-agent", targetType: "account", createdAt: at(2) },
      { accountId: organization.id, action: "invoice.issued", actorChannel: "job", actorCredentialId: "monthly-billing-run", actorLabel: "the monthly billing run", targetType: "invoice", createdAt: at(1) },
    ]);
    const ctx = await contextFor(admin, organization.slug);
    const rows = (await new Response(auditLogCsvStream(ctx, {})).text()).split("\r\n").slice(1, -1);
    const tail = (row: string) => row.split(",").slice(9).join(",");
    expect(rows.map(tail)).toEqual([
      `session,,,by ${admin.email}`,
      `api_key,key-1,ci-deploy,by ${admin.email} via API key \`ci-deploy\``,
      "platform_key,pk-1,billing-agent,by the platform (billing-agent)",
      "job,monthly-billing-run,the monthly billing run,by the monthly billing run",
    ]);
    const viaKeys = (await new Response(auditLogCsvStream(ctx, { channel: "api_key" })).text()).split("\r\n").slice(1, -1);
    expect(viaKeys.map(tail)).toEqual([`api_key,key-1,ci-deploy,by ${admin.email} via API key \`ci-deploy\``]);
  });
});
