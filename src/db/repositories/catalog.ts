import type { CatalogRepository, ProgrammeData, UnitData } from '../../ports.ts';
import type { Db } from './client.ts';

const UNIT_FIELDS = { id: true, code: true, nameNb: true, nameEn: true } as const;
const PROGRAMME_FIELDS = { ...UNIT_FIELDS, unitId: true } as const;

export class PrismaCatalogRepository implements CatalogRepository {
  constructor(private readonly db: Db) {}

  findUnit(id: string) {
    return this.db.unit.findUnique({ where: { id }, select: UNIT_FIELDS });
  }

  findProgramme(id: string) {
    return this.db.programme.findUnique({ where: { id }, select: PROGRAMME_FIELDS });
  }

  listUnits() {
    return this.db.unit.findMany({ select: UNIT_FIELDS, orderBy: { code: 'asc' } });
  }

  listProgrammes() {
    return this.db.programme.findMany({ where: { active: true }, select: PROGRAMME_FIELDS, orderBy: { code: 'asc' } });
  }

  findProgrammes(ids: readonly string[]) {
    return this.db.programme.findMany({ where: { id: { in: [...ids] } }, select: PROGRAMME_FIELDS });
  }

  findUnitByCode(code: string) {
    return this.db.unit.findUnique({ where: { code }, select: UNIT_FIELDS });
  }

  findProgrammeByCode(code: string) {
    return this.db.programme.findUnique({ where: { code }, select: PROGRAMME_FIELDS });
  }

  async upsertUnit(data: UnitData) {
    const existing = await this.db.unit.findUnique({ where: { code: data.code }, select: { id: true } });
    const unit = await this.db.unit.upsert({ where: { code: data.code }, create: data, update: data, select: UNIT_FIELDS });
    return { unit, created: existing === null };
  }

  async upsertProgramme(data: ProgrammeData) {
    const existing = await this.db.programme.findUnique({ where: { code: data.code }, select: { id: true } });
    const programme = await this.db.programme.upsert({ where: { code: data.code }, create: data, update: { ...data, active: true }, select: PROGRAMME_FIELDS });
    return { programme, created: existing === null };
  }
}
