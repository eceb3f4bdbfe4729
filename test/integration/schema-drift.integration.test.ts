// The migrations in prisma/migrations produce exactly the schema in schema.prisma. Checked on
// an in-memory embedded PostgreSQL (the engine's introspection works there without a server).
import { PGlite } from '@electric-sql/pglite';
import { applyMigrations, diffDatabaseAgainstSchema, readSchema } from '../../src/db/migrations.ts';
import { pgliteMigrationTarget } from '../../src/db/migration-targets.ts';

describe('schema drift', () => {
  let client: PGlite;

  beforeAll(async () => {
    client = await PGlite.create();
    await applyMigrations(pgliteMigrationTarget(client));
  });

  afterAll(async () => {
    await client.close();
  });

  it('finds no difference between the migrated database and schema.prisma', async () => {
    expect(await diffDatabaseAgainstSchema(pgliteMigrationTarget(client).adapterFactory)).toBe('');
  });

  it('would notice a schema change that has no migration', async () => {
    const schema = readSchema();
    const changed = { ...schema, content: `${schema.content}\nmodel Forgotten {\n  id Int @id\n}\n` };
    const script = await diffDatabaseAgainstSchema(pgliteMigrationTarget(client).adapterFactory, changed);
    expect(script).toContain('CREATE TABLE "Forgotten"');
  });
});
