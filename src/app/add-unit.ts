// An admin adds a unit (faculty, department or centre) from chat, or changes the one with the
// same code. The CSV importer uses the same schema for many at once.
import { invalid } from '../domain/errors.ts';
import type { AppContext, UnitRecord } from '../ports.ts';
import { requireRole, type Actor } from './support/actor.ts';
import { unitInput } from './support/catalog-input.ts';
import { parseInput } from './support/validation.ts';

export async function addUnit(ctx: AppContext, actor: Actor, input: unknown): Promise<{ unit: UnitRecord; created: boolean }> {
  requireRole(actor, 'admin');
  const data = parseInput(unitInput, input);
  return ctx.store.transaction(async (repos) => {
    const parent = data.parentCode ? await repos.catalog.findUnitByCode(data.parentCode) : null;
    if (data.parentCode && !parent) throw invalid([{ field: 'parentCode', key: 'validation.unknownUnit' }]);
    if (parent && parent.code === data.code) throw invalid([{ field: 'parentCode', key: 'validation.ownParent' }]);
    const result = await repos.catalog.upsertUnit({ code: data.code, nameNb: data.nameNb, nameEn: data.nameEn, kind: data.kind, parentId: parent?.id ?? null });
    await repos.audit.record({ actorId: actor.personId, action: result.created ? 'unit.created' : 'unit.updated', subjectType: 'unit', subjectId: result.unit.id, details: { code: data.code } });
    return result;
  });
}
