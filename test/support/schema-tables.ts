// The tables of prisma/schema.prisma whose rows reference a person, derived from the schema
// text: a relation to Person (or to a model keyed by the person, like the alumnus profile), or a
// plain column that holds a person's id (actor_id, person_id, owner_id). Used by the privacy tests
// to check that the export and the erasure cover every such table.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface Model {
  name: string;
  table: string;
  fields: { name: string; type: string; column: string; relationTo?: string; relationFields: string[]; id: boolean }[];
}

/** Models, their table names, and their fields' types, columns and relations, read from the schema text. */
export function readSchema(): Model[] {
  const text = readFileSync(path.join(__dirname, '..', '..', 'prisma', 'schema.prisma'), 'utf8');
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
