// An admin adds a programme to a unit from chat, or changes the one with the same code.
import { invalid } from '../domain/errors.ts';
import type { AppContext, ProgrammeRecord } from '../ports.ts';
import { requireRole, type Actor } from './support/actor.ts';
import { programmeInput } from './support/catalog-input.ts';
import { parseInput } from './support/validation.ts';

export async function addProgramme(ctx: AppContext, actor: Actor, input: unknown): Promise<{ programme: ProgrammeRecord; created: boolean }> {
  requireRole(actor, 'admin');
  const data = parseInput(programmeInput, input);
  return ctx.store.transaction(async (repos) => {
    const unit = await repos.catalog.findUnitByCode(data.unitCode);
    if (!unit) throw invalid([{ field: 'unitCode', key: 'validation.unknownUnit' }]);
    const result = await repos.catalog.upsertProgramme({ code: data.code, nameNb: data.nameNb, nameEn: data.nameEn, level: data.level, unitId: unit.id });
    await repos.audit.record({ actorId: actor.personId, action: result.created ? 'programme.created' : 'programme.updated', subjectType: 'programme', subjectId: result.programme.id, details: { code: data.code, unit: unit.code } });
    return result;
  });
}
