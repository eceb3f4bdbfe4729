import type { CatalogRepository } from '../../ports.ts';
import type { Db } from './client.ts';

const UNIT_FIELDS = { id: true, code: true, nameNb: true, nameEn: true } as const;

export class PrismaCatalogRepository implements CatalogRepository {
  constructor(private readonly db: Db) {}

  findUnit(id: string) {
    return this.db.unit.findUnique({ where: { id }, select: UNIT_FIELDS });
  }

  findProgramme(id: string) {
    return this.db.programme.findUnique({ where: { id }, select: { ...UNIT_FIELDS, unitId: true } });
  }

  listUnits() {
    return this.db.unit.findMany({ select: UNIT_FIELDS, orderBy: { code: 'asc' } });
  }

  listProgrammes() {
    return this.db.programme.findMany({ where: { active: true }, select: { ...UNIT_FIELDS, unitId: true }, orderBy: { code: 'asc' } });
  }

  findProgrammes(ids: readonly string[]) {
    return this.db.programme.findMany({ where: { id: { in: [...ids] } }, select: { ...UNIT_FIELDS, unitId: true } });
  }
}
