// The Store port on Prisma: each transaction hands the use case a set of repositories bound
// to that transaction, so everything a use case writes (state and outbox) commits together.
import { DomainError } from '../domain/errors.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Repositories, Store, TransactionOptions } from '../ports.ts';
import { PrismaEventLedger } from './event-ledger.ts';
import { PrismaImportRepository } from './repositories/import.ts';
import { PrismaAuditRepository } from './repositories/audit.ts';
import { PrismaCandidateRepository } from './repositories/candidates.ts';
import { PrismaCatalogRepository } from './repositories/catalog.ts';
import type { Db } from './repositories/client.ts';
import { PrismaConsentRepository } from './repositories/consents.ts';
import { PrismaInvitationRepository } from './repositories/invitations.ts';
import { PrismaOutboxRepository } from './repositories/outbox.ts';
import { PrismaPersonRepository } from './repositories/people.ts';
import { PrismaProfileRepository } from './repositories/profiles.ts';
import { PrismaRequestRepository } from './repositories/requests.ts';

export function createRepositories(db: Db): Repositories {
  return {
    people: new PrismaPersonRepository(db),
    consents: new PrismaConsentRepository(db),
    profiles: new PrismaProfileRepository(db),
    catalog: new PrismaCatalogRepository(db),
    requests: new PrismaRequestRepository(db),
    invitations: new PrismaInvitationRepository(db),
    candidates: new PrismaCandidateRepository(db),
    outbox: new PrismaOutboxRepository(db),
    audit: new PrismaAuditRepository(db),
    events: new PrismaEventLedger(db),
    imports: new PrismaImportRepository(db),
  };
}

export class PrismaStore implements Store {
  constructor(private readonly prisma: PrismaClient) {}

  async transaction<T>(work: (repos: Repositories) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    try {
      return await this.prisma.$transaction((tx) => work(createRepositories(tx)), { maxWait: 10_000, timeout: options.timeoutMs ?? 30_000 });
    } catch (error) {
      // A unique constraint hit by a concurrent writer: the caller may retry.
      if ((error as { code?: unknown }).code === 'P2002') throw new DomainError('conflict', 'concurrent write', {}, { cause: error });
      throw error;
    }
  }
}
