// Prisma 7 reads its configuration from here (schema, migrations folder, datasource).
// The app itself never goes through the Prisma CLI at run time: migrations are applied by
// src/db/migrations.ts through the WebAssembly schema engine, so this file matters for
// `prisma generate` and for running the native `prisma migrate deploy` where it is available.
import { defineConfig } from 'prisma/config';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL },
});
