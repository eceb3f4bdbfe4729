// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql for the difference between the
// migration history and prisma/schema.prisma. Works offline: the history is replayed on an
// in-memory embedded PostgreSQL, not on your database.
import { PGlite } from '@electric-sql/pglite';
import { pgliteMigrationTarget } from '../db/migration-targets.ts';
import { createMigration, MIGRATIONS_DIR } from '../db/migrations.ts';

const NAME = /^[a-z][a-z0-9_]{0,60}$/;

async function main(): Promise<number> {
  const name = process.argv[2];
  if (!name || !NAME.test(name)) {
    console.error('Usage: npm run db:migration -- <name>   (lower case letters, digits and _, e.g. add_unit_email)');
    return 2;
  }
  const client = await PGlite.create();
  try {
    const folder = await createMigration(pgliteMigrationTarget(client), name);
    if (folder === null) {
      console.log('schema.prisma matches the migration history; no migration written.');
    } else {
      console.log(`Wrote ${MIGRATIONS_DIR}/${folder}/migration.sql. Review it, then run npm run db:generate and commit both.`);
    }
    return 0;
  } finally {
    await client.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`Could not create the migration: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
