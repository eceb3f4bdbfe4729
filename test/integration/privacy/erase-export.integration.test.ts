// Erasure and "my data" on the core with a real PostgreSQL (the chat-free story driver plays the
// platforms): erasing while an invitation waits to be sent or a form is open leaves nothing to
// send; messages that named the person are edited; a second erasure does nothing; an export of
// thousands of rows is read page by page and refused, not cut, past the size limit.
import { eraseByEmail, eraseMyData } from '../../../src/app/privacy/erase-person.ts';
import { exportBytes, exportMyData } from '../../../src/app/privacy/export-my-data.ts';
import { pseudonymOf } from '../../../src/app/privacy/support.ts';
import { operatorActor } from '../../../src/app/support/actor.ts';
import { PERSONAL_TABLE_NAMES } from '../../../src/domain/privacy/data-map.ts';
import { DEFAULT_PRIVACY } from '../../../src/domain/privacy/settings.ts';
import { startCore, type CoreHarness } from '../../support/core.ts';
import { Story } from '../../support/story.ts';

// The story driver gives everyone the e-mail <name>@example.no, verified by the platform.
const NAME = 'Ullaviska';
const EMAIL = 'ullaviska@example.no';

describe('erasure on the core', () => {
  let core: CoreHarness;
  let story: Story;

  beforeEach(async () => {
    core = await startCore({}, '2026-11-28T09:00:00Z');
    story = await new Story(core).setup();
  });
  afterEach(async () => core.close());

  const prisma = () => core.database.prisma;

  async function dump(): Promise<string> {
    const tables = await prisma().$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    const parts: string[] = [];
    for (const { tablename } of tables) parts.push(JSON.stringify(await prisma().$queryRawUnsafe(`SELECT * FROM "${tablename}"`)));
    return parts.join('\n');
  }

  it('erases while an invitation waits to be sent and a form is open: nothing is sent to them afterwards, and the request asks the next person', async () => {
    const kari = await story.staff('Kari');
    const ulla = await story.alumnus(NAME, { expertise: ['public policy'] });
    const { request } = await kari.posts({ needed: 1, oversample: 1 });
    const form = await prisma().formDefinition.create({ data: { key: 'after-engagement', version: 1, questions: [{ id: 'q1', kind: 'rating' }, { id: 'q2', kind: 'text' }] } });
    await prisma().formSession.create({ data: { formId: form.id, personId: ulla.id, subjectType: 'request', subjectId: request.id, answers: { q1: 4, q2: 'Ullaviska skrev dette selv' }, expiresAt: new Date('2026-12-28T09:00:00Z') } });
    expect(await prisma().invitation.count({ where: { personId: ulla.id, state: 'queued' } })).toBe(1);
    const siri = await story.alumnus('Siri', { expertise: ['public policy'] });

    const result = await eraseMyData(core.ctx, ulla.actor, ulla.id);
    expect(result).toMatchObject({ outcome: 'erased', invitationsWithdrawn: 1 });

    await story.deliver();
    expect(ulla.inbox()).toEqual([]);
    expect(siri.inbox().some((message) => message.card.actions?.some((action) => action.id === 'invitation_accept'))).toBe(true);
    const session = await prisma().formSession.findFirstOrThrow({ where: { personId: ulla.id } });
    expect(session).toMatchObject({ state: 'cancelled', answers: { q1: 4 } });
    const person = await prisma().person.findUniqueOrThrow({ where: { id: ulla.id } });
    expect(person).toMatchObject({ displayName: 'en tidligere deltaker', email: null, roles: [], locale: null });
    expect(person.erasedAt).not.toBeNull();
    expect(await prisma().platformIdentity.count({ where: { personId: ulla.id } })).toBe(0);
    expect(await prisma().alumnusProfile.count({ where: { personId: ulla.id } })).toBe(0);
    const consents = await prisma().consent.findMany({ where: { personId: ulla.id } });
    expect(consents.length).toBeGreaterThan(0);
    for (const consent of consents) expect(consent.proofHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await prisma().auditEntry.count({ where: { OR: [{ actorId: ulla.id }, { personId: ulla.id }, { subjectId: ulla.id }] } })).toBe(0);
    const pseudonym = pseudonymOf(DEFAULT_PRIVACY.hashKey, ulla.id);
    expect(await prisma().auditEntry.findFirst({ where: { action: 'person.erased', personId: pseudonym } })).toMatchObject({ actorId: pseudonym, details: { by: 'self', invitationsWithdrawn: 1 } });
    const stored = await dump();
    for (const trace of [NAME, EMAIL, 'Ullaviska skrev']) expect(stored).not.toContain(trace);

    // The same button pressed again, and the admin's erasure by e-mail: nothing more to do.
    expect((await eraseMyData(core.ctx, ulla.actor, ulla.id)).outcome).toBe('already');
    expect((await eraseByEmail(core.ctx, operatorActor('en'), EMAIL)).outcome).toBe('nothing');
  });

  it('edits the messages that named the person: the thread line and the owner’s notice', async () => {
    const kari = await story.staff('Kari');
    const ulla = await story.alumnus(NAME, { expertise: ['public policy'] });
    const { request } = await kari.posts({ needed: 2 });
    await story.deliver();
    await ulla.presses('invitation_accept');
    await story.deliver();
    expect(story.thread(request.id).join('\n')).toContain(NAME);

    const result = await eraseByEmail(core.ctx, operatorActor('en'), EMAIL);
    expect(result.outcome).toBe('erased');
    expect(result.messagesEdited).toBeGreaterThanOrEqual(2);
    const edits = await prisma().outboxMessage.findMany({ where: { state: 'pending', kind: 'message_update' } });
    const texts = edits.map((row) => JSON.stringify(row.card));
    expect(texts.some((text) => text.includes('en tidligere deltaker sa ja'))).toBe(true);
    expect(texts.join('\n')).not.toContain(NAME);
    expect(await dump()).not.toContain(NAME);
  });
});

describe('"my data" on the core', () => {
  let core: CoreHarness;
  let story: Story;

  beforeEach(async () => {
    core = await startCore();
    story = await new Story(core).setup();
  });
  afterEach(async () => core.close());

  it('exports every table, thousands of rows page by page, and refuses (rather than cuts) a file over the limit', async () => {
    const ulla = await story.alumnus(NAME, { expertise: ['public policy'] });
    const prisma = core.database.prisma;
    await prisma.auditEntry.createMany({ data: Array.from({ length: 3_000 }, (_, i) => ({ actorId: ulla.id, action: 'profile.updated', subjectType: 'person', subjectId: ulla.id, personId: ulla.id, details: { n: i } })) });
    await prisma.outboxMessage.createMany({
      data: Array.from({ length: 1_200 }, (_, i) => ({ platform: 'slack' as const, target: {}, kind: 'direct', card: { text: `message ${i}` }, idempotencyKey: `test:${i}`, conversationKey: 'slack:T:dm:U', workspaceKey: 'slack:T', personId: ulla.id, state: 'sent' as const })),
    });

    const data = await exportMyData(core.ctx, ulla.actor, { pageSize: 250 });
    const bytes = await exportBytes(data);
    const parsed = JSON.parse(bytes.toString('utf8')) as { format: string; person: string; tables: Record<string, Record<string, unknown>[]> };
    expect(parsed.person).toBe(ulla.id);
    expect(Object.keys(parsed.tables).sort()).toEqual([...PERSONAL_TABLE_NAMES].sort());
    expect(parsed.tables.audit_entries!.length).toBeGreaterThanOrEqual(3_001);
    expect(parsed.tables.outbox_messages).toHaveLength(1_200);
    expect(parsed.tables.people![0]).toMatchObject({ display_name: NAME, email: EMAIL });
    expect(parsed.tables.consents).toHaveLength(1);
    expect(new Set(parsed.tables.audit_entries!.map((row) => row.id)).size).toBe(parsed.tables.audit_entries!.length);
    expect(parsed.tables.audit_entries!.some((row) => row.action === 'privacy.exported')).toBe(true);

    await expect(exportBytes(await exportMyData(core.ctx, ulla.actor), 100_000)).rejects.toMatchObject({ code: 'conflict', details: { messageKey: 'privacy.mydata.tooLarge' } });
  });
});
