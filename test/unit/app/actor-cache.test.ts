// The actor cache: a write through the store that may change who someone is (roles, language,
// consent, erasure, an import) is seen by the next lookup; reads leave the cache alone.
import { ActorCache, ActorCachingStore, actorCacheOf } from '../../../src/app/support/actor-cache.ts';
import type { Actor } from '../../../src/app/support/actor.ts';
import type { Repositories, Store } from '../../../src/ports.ts';

const kari: Actor = { personId: 'p1', displayName: 'Kari', roles: ['staff'], locale: 'nb', keepsPersonalData: true };

/** A store whose repositories answer every method with undefined, and count the calls. */
function fakeStore(): Store & { calls: string[] } {
  const calls: string[] = [];
  const repository = (name: string) => new Proxy({}, { get: (_target, method) => async () => void calls.push(`${name}.${String(method)}`) });
  const repos = new Proxy({}, { get: (_target, name) => repository(String(name)) }) as Repositories;
  return { calls, transaction: (work) => work({ people: repos.people, consents: repos.consents, privacy: repos.privacy, retention: repos.retention, imports: repos.imports, requests: repos.requests } as Repositories) };
}

describe('the actor cache', () => {
  it('keeps a found actor, and hands out copies a caller cannot change it through', () => {
    const cache = new ActorCache();
    cache.set('k', kari, cache.mark());
    const first = cache.get('k')!;
    first.displayName = 'changed';
    expect(cache.get('k')).toEqual(kari);
    expect(() => (cache.get('k')!.roles as string[]).push('admin')).toThrow(TypeError);
  });

  it('forgets an actor after its time to live (what another instance changed is seen then)', () => {
    let now = 0;
    const cache = new ActorCache(5_000, () => now);
    cache.set('k', kari, cache.mark());
    now = 4_999;
    expect(cache.get('k')).toEqual(kari);
    now = 5_000;
    expect(cache.get('k')).toBeUndefined();
  });

  it.each([
    ['a role granted or revoked', (r: Repositories) => r.people.update('p1', { roles: [] })],
    ['a new identity or language', (r: Repositories) => r.people.upsertIdentity('p1', { platform: 'slack', workspaceId: 'T1', userId: 'U1', locale: 'en' })],
    ['a consent given', (r: Repositories) => r.consents.create({ personId: 'p1', givenAt: new Date(), textVersion: 'v1', purposes: [], source: 'slack' })],
    ['a consent withdrawn', (r: Repositories) => r.consents.withdrawAll('p1', new Date(), 'slack')],
    ['an erasure', (r: Repositories) => r.privacy.pseudonymisePerson('p1', 'erased', new Date())],
    ['identities moved to another person', (r: Repositories) => r.privacy.moveIdentities('p1', 'p2')],
    ['consents lapsing', (r: Repositories) => r.retention.lapse(['c1'], 'expired', new Date())],
    ['an import', (r: Repositories) => r.imports.writeAlumni([], new Date())],
  ])('is emptied by %s through the store', async (_what, write) => {
    const store = new ActorCachingStore(fakeStore());
    store.actors.set('k', kari, store.actors.mark());
    await store.transaction(async (repos) => {
      await write(repos);
    });
    expect(store.actors.get('k')).toBeUndefined();
  });

  it('is left alone by reads and by other tables', async () => {
    const store = new ActorCachingStore(fakeStore());
    store.actors.set('k', kari, store.actors.mark());
    await store.transaction(async (repos) => {
      await repos.people.findByIdentity('slack', 'T1', 'U1');
      await repos.people.findIdentities('p1');
      await repos.consents.findCurrent('p1');
      await repos.requests.update('r1', { title: 'x' });
    });
    expect(store.actors.get('k')).toEqual(kari);
  });

  it('does not keep what was read while a write was under way', async () => {
    const store = new ActorCachingStore(fakeStore());
    const before = store.actors.mark();
    let during = 0;
    await store.transaction(async (repos) => {
      await repos.people.update('p1', { roles: ['admin'] });
      during = store.actors.mark();
      // Read after the write but before the commit: still the old row.
      store.actors.set('k', kari, during);
    });
    store.actors.set('k2', kari, before);
    store.actors.set('k3', kari, during);
    expect(store.actors.size).toBe(0);
  });

  it('is emptied when a writing transaction fails too', async () => {
    const store = new ActorCachingStore(fakeStore());
    store.actors.set('k', kari, store.actors.mark());
    await expect(
      store.transaction(async (repos) => {
        await repos.people.update('p1', { roles: [] });
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(store.actors.get('k')).toBeUndefined();
  });

  it('is only found behind the caching store', () => {
    const store = new ActorCachingStore(fakeStore());
    expect(actorCacheOf({ store })).toBe(store.actors);
    expect(actorCacheOf({ store: fakeStore() })).toBeNull();
  });
});
