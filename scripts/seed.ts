/** `npm run seed`: demo data in the console's database (embedded unless DATABASE_URL is set). */
import { closeDb, db } from "../db/client";
import { DEMO_PASSWORD, seedDemoData } from "../db/seed";
import { prepareRuntime } from "./runtime-env";

const { embedded } = await prepareRuntime();
try {
  const { created, people } = await seedDemoData(db);
  console.log(created ? "Demo data created." : "Demo data was already there.");
  console.log(`\nSign in at ${process.env.APP_URL}/sign-in with any of these (password: ${DEMO_PASSWORD}):`);
  for (const person of people) console.log(`  ${person.email.padEnd(22)} ${person.name}`);
  console.log("\nOrganizations: acme (every role), globex (63 members), initech (1,502 members), side-project (suspended).");
} finally {
  await closeDb();
  await embedded?.stop();
}
