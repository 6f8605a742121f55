import { defineConfig } from 'drizzle-kit';

// Only `generate` is used: migrations are applied in-process by db/migrate.ts on either driver.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
