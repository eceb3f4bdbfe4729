// The export and the erasure cover every table that references a person. The tables are derived
// from prisma/schema.prisma: a model with a relation to Person (or to a model keyed by the
// person, like the alumnus profile), or with a plain column that holds a person's id (actor_id,
// person_id, owner_id). A new table like that fails this test until it is in the data map.
import { PERSONAL_TABLES, PERSONAL_TABLE_NAMES } from '../../../src/domain/privacy/data-map.ts';
import { EXPORTED_TABLES } from '../../../src/db/repositories/privacy.ts';
import { readSchema, tablesReferencingPeople, type Model } from '../../support/schema-tables.ts';

describe('the data map', () => {
  const referencing = tablesReferencingPeople(readSchema());

  it('finds the tables that reference a person in the schema', () => {
    expect([...referencing.keys()]).toEqual(expect.arrayContaining(['people', 'platform_identities', 'consents', 'invitations', 'outbox_messages', 'form_sessions', 'audit_entries', 'alumnus_programmes']));
  });

  it('lists every one of them, with the columns that reference the person', () => {
    for (const [table, columns] of referencing) {
      const entry = PERSONAL_TABLES.find((candidate) => candidate.table === table);
      expect({ table, listed: entry !== undefined }).toEqual({ table, listed: true });
      for (const name of columns) expect(entry!.personColumns).toContain(name);
    }
  });

  it('exports exactly the tables it lists, and lists only real tables', () => {
    expect([...EXPORTED_TABLES].sort()).toEqual([...PERSONAL_TABLE_NAMES].sort());
    const tables = new Set(readSchema().map((model) => model.table));
    for (const table of PERSONAL_TABLE_NAMES) expect(tables.has(table)).toBe(true);
  });

  it('would notice a new table that references a person', () => {
    const models = readSchema();
    const extra: Model = { name: 'Note', table: 'notes', fields: [{ name: 'personId', type: 'String', column: 'person_id', relationFields: [], id: false }, { name: 'person', type: 'Person', column: 'person', relationTo: 'Person', relationFields: ['personId'], id: false }] };
    const found = tablesReferencingPeople([...models, extra]);
    expect(found.has('notes')).toBe(true);
    expect(PERSONAL_TABLE_NAMES).not.toContain('notes');
  });
});
