import { defineConfig } from 'drizzle-kit';

// PostgreSQL's migrations, beside SQLite's (`migrations/`): the same tables, in PostgreSQL's types.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/postgres/schema.ts',
  out: './migrations/postgres',
});
