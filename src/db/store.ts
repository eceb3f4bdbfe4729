// The Store port on Prisma: each transaction hands the use case a set of repositories bound
// to that transaction, so everything a use case writes (state and outbox) commits together.
//
// Lock order, the same in every use case, so that two use cases never wait for each other:
//   1. requests: SELECT … FOR UPDATE (RequestRepository.findByIdForUpdate), ascending id when
//      several; an invitation is changed only while its request is locked (or alone, as the
//      dispatcher's record of a sent message does);
//   2. people: the person's row, FOR NO KEY UPDATE, ascending id. Taken by the matching before
//      asking someone (the per-term cap), and by the database triggers that keep the profile's
//      matching columns in step whenever consents, programme links or profiles change;
//   3. everything else (invitations, consents, profiles, outbox rows).
// A use case that needs a request after touching a person's consent locks the request first.
// Should two transactions still meet in a deadlock (40P01) or a serialization failure (40001),
// PostgreSQL rolls one back; the whole unit of work is then run again, a few times at most.
import { DomainError } from '../domain/errors.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Repositories, Store, TransactionOptions } from '../ports.ts';
import { PrismaEventLedger } from './event-ledger.ts';
import { PrismaImportRepository } from './repositories/import.ts';
import { PrismaDigestRepository } from './repositories/digest.ts';
import { PrismaReportRepository } from './repositories/reports.ts';
import { PrismaAuditRepository } from './repositories/audit.ts';
import { PrismaCandidateRepository } from './repositories/candidates.ts';
import { PrismaCatalogRepository } from './repositories/catalog.ts';
import type { Db } from './repositories/client.ts';
import { PrismaConsentRepository } from './repositories/consents.ts';
import { PrismaInvitationRepository } from './repositories/invitations.ts';
import { PrismaOutboxRepository } from './repositories/outbox.ts';
import { PrismaPersonRepository } from './repositories/people.ts';
import { PrismaProfileRepository } from './repositories/profiles.ts';
import { PrismaReminderRepository } from './repositories/reminders.ts';
import { PrismaFormRepository } from './repositories/forms.ts';
import { PrismaPrivacyRepository } from './repositories/privacy.ts';
import { PrismaLinkCodeRepository } from './repositories/privacy-links.ts';
import { PrismaRetentionRepository } from './repositories/privacy-retention.ts';
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
    reminders: new PrismaReminderRepository(db),
    forms: new PrismaFormRepository(db),
    privacy: new PrismaPrivacyRepository(db),
    linkCodes: new PrismaLinkCodeRepository(db),
    retention: new PrismaRetentionRepository(db),
    digests: new PrismaDigestRepository(db),
    reports: new PrismaReportRepository(db),
  };
}

/** SQLSTATEs after which running the same transaction again can succeed. */
const RETRYABLE = new Set(['40P01', '40001']);

/** The SQLSTATE behind a Prisma error, wherever the driver adapter put it. */
export function sqlState(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const record = current as { code?: unknown; originalCode?: unknown; meta?: { driverAdapterError?: { cause?: { originalCode?: unknown } } }; cause?: unknown };
    const fromAdapter = record.meta?.driverAdapterError?.cause?.originalCode ?? record.originalCode;
    if (typeof fromAdapter === 'string') return fromAdapter;
    if (typeof record.code === 'string' && /^[0-9A-Z]{5}$/.test(record.code) && !record.code.startsWith('P')) return record.code;
    current = record.cause;
  }
  return undefined;
}

export function isRetryable(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && RETRYABLE.has(state);
}

export interface RetryPolicy {
  /** Runs of one unit of work at most (the first one included). */
  attempts: number;
  /** Upper bound of the random pause before the n-th retry: n × this. */
  pauseMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, pauseMs: 25 };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PrismaStore implements Store {
  /** How many transactions were run again after a deadlock or serialization failure. */
  retries = 0;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  async transaction<T>(work: (repos: Repositories) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.prisma.$transaction((tx) => work(createRepositories(tx)), { maxWait: 10_000, timeout: options.timeoutMs ?? 30_000 });
      } catch (error) {
        if (isRetryable(error) && attempt < this.retry.attempts) {
          this.retries += 1;
          await pause(Math.random() * attempt * this.retry.pauseMs);
          continue;
        }
        // A unique constraint hit by a concurrent writer: the caller may retry.
        if ((error as { code?: unknown }).code === 'P2002') throw new DomainError('conflict', 'concurrent write', {}, { cause: error });
        throw error;
      }
    }
  }
}
