// Who a platform user is (person, roles, language, consent), kept in memory for a few seconds so
// that a button press or a command does not read the same rows again and again. Correct first:
// every write through this instance's Store that can change an actor (people, identities,
// consents, erasure, retention, imports) empties the cache at once, when the write is made and
// again when its transaction ends, and a lookup that overlapped such a write is not kept. Writes
// made by another instance (or the CLI) are seen when the entry ages out: ACTOR_CACHE_TTL_MS.
import type { Repositories, Store, TransactionOptions } from '../../ports.ts';
import type { Actor } from './actor.ts';

/** How long another instance's change (a role granted there, a consent given there) may go unseen here. */
export const ACTOR_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: Actor;
  at: number;
}

export class ActorCache {
  private generation = 0;
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = ACTOR_CACHE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** A copy of the cached actor, or undefined. */
  get(key: string): Actor | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return { ...entry.actor };
  }

  /** Taken before a lookup; the lookup's answer is kept only if nothing was written meanwhile. */
  mark(): number {
    return this.generation;
  }

  set(key: string, actor: Actor, mark: number): void {
    if (mark !== this.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, { actor: { ...actor, roles: Object.freeze([...actor.roles]) }, at: this.now() });
  }

  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * Methods that only read; any other method of these repositories (including one added later)
 * counts as a write that may change an actor.
 */
const READS: Partial<Record<keyof Repositories, ReadonlySet<string>>> = {
  people: new Set(['findById', 'findByIdentity', 'findByEmail', 'findIdentities', 'findContacts', 'countConsentingAlumni', 'list', 'findAdminsFromConfig', 'findByVerifiedEmails']),
  consents: new Set(['findCurrent']),
  privacy: new Set(['exportPage', 'lockPerson', 'findTraces', 'findConsents', 'isBare', 'findMessagesNaming', 'listAudit']),
  retention: new Set(['findLapsing', 'findToRemind']),
  imports: new Set(['catalogSnapshot', 'findAlumni', 'findIdentityOwners']),
};
const WATCHED = Object.keys(READS) as (keyof typeof READS)[];

function watching<T extends object>(repository: T, reads: ReadonlySet<string>, wrote: () => void): T {
  return new Proxy(repository, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function' || typeof property !== 'string' || reads.has(property)) return typeof value === 'function' ? value.bind(target) : value;
      return (...args: unknown[]) => {
        wrote();
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

/** The Store the app uses, with the actor cache kept in step with every write made through it. */
export class ActorCachingStore implements Store {
  readonly actors: ActorCache;

  constructor(
    private readonly inner: Store,
    actors: ActorCache = new ActorCache(),
  ) {
    this.actors = actors;
  }

  /** The inner store's count of transactions run again after a deadlock (PrismaStore's figure). */
  get retries(): number {
    return (this.inner as { retries?: number }).retries ?? 0;
  }

  async transaction<T>(work: (repos: Repositories) => Promise<T>, options?: TransactionOptions): Promise<T> {
    let wrote = false;
    const onWrite = () => {
      wrote = true;
      this.actors.invalidate();
    };
    try {
      return await this.inner.transaction((repos) => {
        const watched: Repositories = { ...repos };
        for (const name of WATCHED) (watched as unknown as Record<string, object>)[name] = watching(repos[name], READS[name]!, onWrite);
        return work(watched);
      }, options);
    } finally {
      // Committed (or rolled back) now: what was read before the commit is dropped too.
      if (wrote) this.actors.invalidate();
    }
  }
}

/** The actor cache behind a context's store, or null when the store keeps none (tests, the CLI). */
export function actorCacheOf(ctx: { store: Store }): ActorCache | null {
  return ctx.store instanceof ActorCachingStore ? ctx.store.actors : null;
}
