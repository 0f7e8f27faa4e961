import { applyMigrations } from "../db/migrate";
import { provideTestDatabase } from "./test-database";

export default async function setup() {
  const { url, embedded } = await provideTestDatabase();
  process.env.DATABASE_URL = url;
  await applyMigrations(url);
  return async () => {
    await embedded?.stop();
  };
}
