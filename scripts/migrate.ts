/** `npm run db:migrate`: applies the committed migrations (embedded database unless DATABASE_URL is set). */
import { prepareRuntime } from "./runtime-env";

const { embedded } = await prepareRuntime();
console.log("Migrations applied.");
await embedded?.stop();
