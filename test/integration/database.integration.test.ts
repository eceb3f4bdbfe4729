// The data model's guarantees on the real server: the unique constraints later features rely
// on (one invitation per request and alumnus, one digest per channel and week, one processed
// event per platform and id) and clear failures when the server cannot be used.
import { openDatabase, type Database } from '../../src/db/database.ts';
import { DatabaseStartError } from '../../src/db/errors.ts';
import { silentLogger } from '../support/logger.ts';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';

const DAY = 24 * 60 * 60 * 1000;

describe('database on PostgreSQL', () => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    db = await openDatabase({ kind: 'postgres', url: testDb.url }, silentLogger());
  });

  afterAll(async () => {
    await db.close();
    await testDb.drop();
  });

  async function seedRequest() {
    const unit = await db.prisma.unit.create({ data: { code: `ECON-${Math.random()}`, nameNb: 'Økonomi', nameEn: 'Economics', kind: 'department' } });
    const owner = await db.prisma.person.create({ data: { displayName: 'Staff', roles: ['staff'] } });
    const alumnus = await db.prisma.person.create({
      data: {
        displayName: 'Alumna',
        roles: ['alumnus'],
        profile: { create: { expertise: ['public policy'], engagementTypes: ['guest_lecture'] } },
        consents: { create: { givenAt: new Date(), textVersion: 'v1', purposes: ['guest_lecture'], source: 'slack' } },
        identities: { create: { platform: 'slack', workspaceId: 'T1', userId: `U${Math.random()}` } },
      },
    });
    const request = await db.prisma.request.create({
      data: {
        title: 'Guest lecture on public policy',
        type: 'guest_lecture',
        description: 'Ninety minutes on policy analysis in practice.',
        unitId: unit.id,
        ownerId: owner.id,
        startsAt: new Date(Date.now() + 30 * DAY),
        replyBy: new Date(Date.now() + 10 * DAY),
        format: 'campus',
        needed: 1,
      },
    });
    return { unit, owner, alumnus, request };
  }

  it('answers a ping', async () => {
    expect(await db.ping()).toBe(true);
  });

  it('stores a request in draft with an alumnus profile, consent and identity', async () => {
    const { request, alumnus } = await seedRequest();
    expect(request.state).toBe('draft');
    const stored = await db.prisma.person.findUniqueOrThrow({ where: { id: alumnus.id }, include: { profile: true, consents: true, identities: true } });
    expect(stored.profile?.maxAsksPerTerm).toBe(3);
    expect(stored.consents[0]?.purposes).toEqual(['guest_lecture']);
    expect(stored.identities).toHaveLength(1);
  });

  it('allows one invitation per request and alumnus', async () => {
    const { request, alumnus } = await seedRequest();
    await db.prisma.invitation.create({ data: { requestId: request.id, personId: alumnus.id, score: 1.5, reasons: [{ code: 'expertise', detail: 'public policy' }] } });
    await expect(db.prisma.invitation.create({ data: { requestId: request.id, personId: alumnus.id, score: 2 } })).rejects.toMatchObject({ code: 'P2002' });
  });

  it('allows one digest run per channel and ISO week', async () => {
    const channel = await db.prisma.digestChannel.create({ data: { platform: 'slack', workspaceId: 'T1', channelId: `C${Math.random()}` } });
    await db.prisma.digestRun.create({ data: { digestChannelId: channel.id, isoWeek: '2026-W48' } });
    await expect(db.prisma.digestRun.create({ data: { digestChannelId: channel.id, isoWeek: '2026-W48' } })).rejects.toMatchObject({ code: 'P2002' });
    await expect(db.prisma.digestRun.create({ data: { digestChannelId: channel.id, isoWeek: '2026-W49' } })).resolves.toBeDefined();
  });

  it('records a platform event once, per platform', async () => {
    await db.prisma.processedEvent.create({ data: { platform: 'slack', eventId: 'Ev01' } });
    await expect(db.prisma.processedEvent.create({ data: { platform: 'slack', eventId: 'Ev01' } })).rejects.toMatchObject({ code: 'P2002' });
    await expect(db.prisma.processedEvent.create({ data: { platform: 'teams', eventId: 'Ev01' } })).resolves.toBeDefined();
  });

  it('keeps one identity per platform account and one outbox row per idempotency key', async () => {
    const person = await db.prisma.person.create({ data: { displayName: 'P' } });
    const identity = { platform: 'teams' as const, workspaceId: 'tenant', userId: 'aad-1', personId: person.id };
    await db.prisma.platformIdentity.create({ data: identity });
    await expect(db.prisma.platformIdentity.create({ data: identity })).rejects.toMatchObject({ code: 'P2002' });
    const outbox = { platform: 'slack' as const, target: {}, kind: 'invitation', card: {}, idempotencyKey: 'inv-1:invite', conversationKey: 'slack:T1:D1', workspaceKey: 'slack:T1' };
    await db.prisma.outboxMessage.create({ data: outbox });
    await expect(db.prisma.outboxMessage.create({ data: outbox })).rejects.toMatchObject({ code: 'P2002' });
  });
});

describe('an unusable PostgreSQL server', () => {
  it('fails with a clear message that names the server but not the password', async () => {
    const attempt = openDatabase({ kind: 'postgres', url: 'postgres://bot:s3cret-pw@127.0.0.1:1/alumni' }, silentLogger());
    await expect(attempt).rejects.toBeInstanceOf(DatabaseStartError);
    const error = (await attempt.catch((caught: unknown) => caught)) as DatabaseStartError;
    expect(error.code).toBe('database_unreachable');
    expect(error.message).toContain('127.0.0.1:1/alumni');
    expect(error.message).toContain('Check DATABASE_URL');
    expect(error.message).not.toContain('s3cret-pw');
  });
});
