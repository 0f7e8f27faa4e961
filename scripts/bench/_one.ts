import { closeDb } from "@/db/client";
import { createMemberKey, seedOrganization } from "./support";
const slug = `bench-one-${Date.now()}`;
const { accountId, ownerId } = await seedOrganization(slug, 10);
const token = await createMemberKey(accountId, ownerId, "one");
for (const path of [`/api/v1/me`, `/api/v1/accounts/${slug}/members`, `/api/v1/accounts/${slug}`]) {
  const ts: number[] = [];
  for (let i = 0; i < 30; i++) { const t = performance.now(); const r = await fetch(`http://localhost:3140${path}`, { headers: { authorization: `Bearer ${token}` } }); await r.text(); if (r.status !== 200) console.log(r.status); ts.push(performance.now() - t); }
  ts.sort((a, b) => a - b);
  console.log(path, "min", ts[0]!.toFixed(1), "p50", ts[15]!.toFixed(1), "max", ts[29]!.toFixed(1));
}
const ts: number[] = [];
for (let i = 0; i < 30; i++) { const t = performance.now(); const r = await fetch(`http://localhost:3140/sign-in`); await r.text(); ts.push(performance.now() - t); }
ts.sort((a, b) => a - b); console.log("/sign-in p50", ts[15]!.toFixed(1));
await closeDb();
