import type { Person } from '../../generated/prisma/client.ts';
import type { Role } from '../../domain/vocabulary.ts';
import { IMPORTED_WORKSPACE, type IdentityInput, type IdentityRecord, type PersonRecord, type PersonRepository } from '../../ports.ts';
import type { Db } from './client.ts';

function toPerson(row: Person): PersonRecord {
  return {
    id: row.id,
    displayName: row.displayName,
    email: row.email,
    emailVerified: row.emailVerified,
    roles: row.roles,
    locale: row.locale,
    timeZone: row.timeZone,
    preferredPlatform: row.preferredPlatform,
    adminFromConfig: row.adminFromConfig,
  };
}

export class PrismaPersonRepository implements PersonRepository {
  constructor(private readonly db: Db) {}

  async findById(id: string) {
    const row = await this.db.person.findFirst({ where: { id, erasedAt: null } });
    return row && toPerson(row);
  }

  async findByIdentity(platform: IdentityInput['platform'], workspaceId: string, userId: string) {
    const identity = await this.db.platformIdentity.findUnique({
      where: { platform_workspaceId_userId: { platform, workspaceId, userId } },
      include: { person: true },
    });
    return identity && identity.person.erasedAt === null ? toPerson(identity.person) : null;
  }

  async findByEmail(email: string) {
    const row = await this.db.person.findFirst({ where: { email: email.toLowerCase(), erasedAt: null } });
    return row && toPerson(row);
  }

  async create(data: Parameters<PersonRepository['create']>[0]) {
    return toPerson(await this.db.person.create({ data: { ...data, email: data.email?.toLowerCase() ?? null } }));
  }

  async update(id: string, patch: Partial<Omit<PersonRecord, 'id'>>) {
    return toPerson(await this.db.person.update({ where: { id }, data: patch }));
  }

  async upsertIdentity(personId: string, identity: IdentityInput) {
    const fields = {
      email: identity.email?.toLowerCase() ?? null,
      locale: identity.locale ?? null,
    };
    await this.db.platformIdentity.upsert({
      where: { platform_workspaceId_userId: { platform: identity.platform, workspaceId: identity.workspaceId, userId: identity.userId } },
      create: { personId, platform: identity.platform, workspaceId: identity.workspaceId, userId: identity.userId, ...fields },
      update: fields,
    });
  }

  async claimImportedIdentity(platform: IdentityInput['platform'], userId: string, workspaceId: string) {
    const where = { platform_workspaceId_userId: { platform, workspaceId: IMPORTED_WORKSPACE, userId } };
    const imported = await this.db.platformIdentity.findUnique({ where, include: { person: true } });
    if (!imported || imported.person.erasedAt !== null) return null;
    await this.db.platformIdentity.update({ where, data: { workspaceId } });
    return toPerson(imported.person);
  }

  async findIdentities(personId: string): Promise<IdentityRecord[]> {
    const rows = await this.db.platformIdentity.findMany({ where: { personId }, orderBy: { createdAt: 'asc' } });
    return rows.map((row) => ({ personId: row.personId, platform: row.platform, workspaceId: row.workspaceId, userId: row.userId, email: row.email, locale: row.locale }));
  }

  countConsentingAlumni() {
    return this.db.person.count({ where: { erasedAt: null, consents: { some: { withdrawnAt: null } } } });
  }

  async findContacts(ids: readonly string[]) {
    const rows = await this.db.person.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true, displayName: true, locale: true, timeZone: true, identities: { select: { locale: true }, take: 1, orderBy: { updatedAt: 'desc' } } },
    });
    return new Map(rows.map((row) => [row.id, { displayName: row.displayName, locale: row.locale, platformLocale: row.identities[0]?.locale ?? null, timeZone: row.timeZone }]));
  }

  async list(filter: { role?: Role; limit: number }) {
    const rows = await this.db.person.findMany({
      where: { erasedAt: null, ...(filter.role ? { roles: { has: filter.role } } : {}) },
      orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
      take: filter.limit,
    });
    return rows.map(toPerson);
  }

  async removeUnused(id: string) {
    const result = await this.db.person.deleteMany({ where: { id, roles: { isEmpty: true }, identities: { none: {} }, consents: { none: {} }, ownedRequests: { none: {} } } });
    return result.count === 1;
  }

  async findAdminsFromConfig() {
    const rows = await this.db.person.findMany({ where: { erasedAt: null, adminFromConfig: true } });
    return rows.map(toPerson);
  }

  async findByVerifiedEmails(emails: readonly string[]) {
    if (emails.length === 0) return [];
    const rows = await this.db.person.findMany({ where: { erasedAt: null, emailVerified: true, email: { in: emails.map((email) => email.toLowerCase()) } } });
    return rows.map(toPerson);
  }
}
