// A hand-computed week (ISO week 2026-W49, digest slot Monday 30 November 2026 08:00 Oslo =
// 07:00 UTC, period 23–30 November) written straight into the tables: a test of the figures,
// not a story. README: "the figures, checked by hand" lists what each number must be.
import type { PrismaClient } from '../../../src/generated/prisma/client.ts';

export const SLOT = new Date('2026-11-30T07:00:00Z');

export interface Fixture {
  units: Record<'FAC' | 'ECON' | 'POL', string>;
  people: Record<'kari' | 'ola' | 'siri' | 'per' | 'liv', string>;
  requests: Record<'r1' | 'r2' | 'r3' | 'r4' | 'r5', string>;
}

const at = (iso: string) => new Date(iso);

export async function writeFixture(prisma: PrismaClient): Promise<Fixture> {
  const unit = async (code: string, kind: 'faculty' | 'department', parentId: string | null) =>
    (await prisma.unit.create({ data: { code, nameNb: `${code} nb`, nameEn: `${code} en`, kind, parentId } })).id;
  const FAC = await unit('FAC', 'faculty', null);
  const units = { FAC, ECON: await unit('ECON', 'department', FAC), POL: await unit('POL', 'department', FAC) };
  const person = async (name: string, roles: ('staff' | 'alumnus')[], thanksByName?: boolean) => {
    const created = await prisma.person.create({ data: { displayName: name, email: `${name.split(' ')[0]!.toLowerCase()}@example.no`, roles } });
    if (thanksByName !== undefined) await prisma.alumnusProfile.create({ data: { personId: created.id, thanksByName } });
    return created.id;
  };
  const people = {
    kari: await person('Kari Staff', ['staff']),
    ola: await person('Ola Nordmann', ['alumnus'], true),
    siri: await person('Siri Berg', ['alumnus'], true),
    per: await person('Per Hansen', ['alumnus'], false),
    liv: await person('Liv Dahl', ['alumnus']),
  };
  const request = (title: string, unitId: string, state: 'draft' | 'open' | 'filled' | 'completed' | 'cancelled', fields: { created: string; opened?: string; filled?: string; starts: string; needed: number }) =>
    prisma.request
      .create({
        data: {
          title, type: 'guest_lecture', description: 'd', unitId, ownerId: people.kari, state, format: 'campus', needed: fields.needed,
          startsAt: at(fields.starts), replyBy: at(fields.starts), createdAt: at(fields.created),
          openedAt: fields.opened ? at(fields.opened) : null, filledAt: fields.filled ? at(fields.filled) : null,
        },
      })
      .then((created) => created.id);
  const requests = {
    r1: await request('R1 skatt', units.ECON, 'filled', { created: '2026-11-24T10:00:00Z', opened: '2026-11-24T10:00:00Z', filled: '2026-11-26T10:00:00Z', starts: '2026-12-05T09:00:00Z', needed: 2 }),
    r2: await request('R2 panel', units.ECON, 'open', { created: '2026-11-25T09:00:00Z', opened: '2026-11-25T09:00:00Z', starts: '2027-01-15T09:00:00Z', needed: 3 }),
    r3: await request('R3 valg', units.POL, 'completed', { created: '2026-11-20T10:00:00Z', opened: '2026-11-20T10:00:00Z', filled: '2026-11-27T22:00:00Z', starts: '2026-11-28T10:00:00Z', needed: 2 }),
    r4: await request('R4 utkast', units.POL, 'draft', { created: '2026-11-29T12:00:00Z', starts: '2027-02-01T09:00:00Z', needed: 1 }),
    r5: await request('R5 avlyst', units.ECON, 'cancelled', { created: '2026-10-01T10:00:00Z', opened: '2026-10-01T10:00:00Z', starts: '2026-10-20T09:00:00Z', needed: 1 }),
  };
  const invite = (requestId: string, personId: string, state: 'sent' | 'accepted' | 'confirmed' | 'declined', sent: string, answered?: string) =>
    prisma.invitation.create({ data: { requestId, personId, score: 1, state, sentAt: at(sent), answeredAt: answered ? at(answered) : null, createdAt: at(sent) } }).then((created) => created.id);
  const olaR1 = await invite(requests.r1, people.ola, 'accepted', '2026-11-24T11:00:00Z', '2026-11-25T08:00:00Z');
  const siriR1 = await invite(requests.r1, people.siri, 'confirmed', '2026-11-24T11:00:00Z', '2026-11-26T10:00:00Z');
  await invite(requests.r1, people.per, 'declined', '2026-11-24T11:00:00Z', '2026-11-25T09:00:00Z');
  await invite(requests.r2, people.liv, 'accepted', '2026-11-25T10:00:00Z', '2026-11-27T10:00:00Z');
  await invite(requests.r2, people.per, 'sent', '2026-11-25T10:00:00Z');
  await invite(requests.r3, people.ola, 'confirmed', '2026-11-20T11:00:00Z', '2026-11-21T09:00:00Z');
  await invite(requests.r3, people.per, 'confirmed', '2026-11-20T11:00:00Z', '2026-11-27T22:00:00Z');
  const questions = [{ id: 'q1', kind: 'rating' }, { id: 'q2', kind: 'rating', anonymous: true }, { id: 'q3', kind: 'text' }];
  const form = await prisma.formDefinition.create({ data: { key: 'after-engagement', version: 1, questions } });
  const session = (personId: string, subjectType: string, subjectId: string, answers: object, state: 'completed' | 'active', completed: string | null) =>
    prisma.formSession.create({ data: { formId: form.id, personId, subjectType, subjectId, answers, state, expiresAt: at('2027-01-01T00:00:00Z'), completedAt: completed ? at(completed) : null } });
  await session(people.ola, 'invitation', olaR1, { q1: 5, q2: 4, q3: 'Flott!' }, 'completed', '2026-11-27T12:00:00Z');
  await session(people.siri, 'invitation', siriR1, { q1: 3, q2: 'x', q3: 'Bra' }, 'completed', '2026-11-28T12:00:00Z');
  await session(people.kari, 'request', requests.r3, { q1: 4 }, 'completed', '2026-11-29T12:00:00Z');
  await session(people.per, 'request', requests.r3, { q1: 1 }, 'completed', '2026-11-20T12:00:00Z');
  await session(people.liv, 'request', requests.r2, { q1: 1 }, 'active', null);
  return { units, people, requests };
}
