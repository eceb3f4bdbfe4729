// The export and the erasure cover every table that references a person. The tables are derived
// from prisma/schema.prisma: a model with a relation to Person (or to a model keyed by the
// person, like the alumnus profile), or with a plain column that holds a person's id (actor_id,
// person_id, owner_id). A new table like that fails this test until it is in the data map.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PERSONAL_TABLES, PERSONAL_TABLE_NAMES } from '../../../src/domain/privacy/data-map.ts';
import { EXPORTED_TABLES } from '../../../src/db/repositories/privacy.ts';

interface Model {
  name: string;
  table: string;
  fields: { name: string; type: string; column: string; relationTo?: string; relationFields: string[]; id: boolean }[];
}

/** Models, their table names, and their fields' types, columns and relations, read from the schema text. */
export function readSchema(): Model[] {
  const text = readFileSync(path.join(__dirname, '..', '..', '..', 'prisma', 'schema.prisma'), 'utf8');
  return [...text.matchAll(/^model (\w+) \{([\s\S]*?)^\}/gm)].map(([, name, body]) => {
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1] ?? name!;
    const fields = body!
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => /^[a-z]\w*\s+\w/.test(line))
      .map((line) => {
        const [field, type] = line.split(/\s+/) as [string, string];
        const relation = /@relation\([^)]*fields:\s*\[([^\]]+)\]/.exec(line);
        return {
          name: field,
          type: type.replace(/[?[\]]/g, ''),
          column: /@map\("([^"]+)"\)/.exec(line)?.[1] ?? field,
          relationTo: relation ? type.replace(/[?[\]]/g, '') : undefined,
          relationFields: relation ? relation[1]!.split(',').map((one) => one.trim()) : [],
          id: /@id\b/.test(line),
        };
      });
    return { name: name!, table, fields };
  });
}

/** Tables whose rows reference a person, with the columns that do. */
export function tablesReferencingPeople(models: readonly Model[]): Map<string, Set<string>> {
  const byName = new Map(models.map((model) => [model.name, model]));
  const column = (model: Model, field: string) => model.fields.find((candidate) => candidate.name === field)?.column ?? field;
  // Models keyed by a person: their id field is itself a relation to Person (the alumnus profile).
  const personKeyed = new Set(['Person', ...models.filter((model) => model.fields.some((field) => field.relationTo === 'Person' && field.relationFields.some((name) => model.fields.find((f) => f.name === name)?.id))).map((model) => model.name)]);
  const found = new Map<string, Set<string>>([['people', new Set(['id'])]]);
  const add = (table: string, columnName: string) => found.set(table, new Set([...(found.get(table) ?? []), columnName]));
  for (const model of models) {
    for (const field of model.fields) {
      if (field.relationTo && personKeyed.has(field.relationTo)) for (const name of field.relationFields) add(model.table, column(model, name));
      if (!field.relationTo && !byName.has(field.type) && ['actor_id', 'person_id', 'owner_id'].includes(field.column)) add(model.table, field.column);
    }
  }
  return found;
}

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
