// Quiet hours over HTTP (real service, fake Slack): an invitation reaches each alumnus in their
// own working hours (WORKING_HOURS, in their own time zone, else the faculty's). Until then it
// waits in the outbox; the request card and thread do not wait.
import { DateTime } from 'luxon';
import { eventually } from '../../support/eventually.ts';
import { cli } from '../../support/faculty.ts';
import { Life } from './lifecycle-harness.ts';

const HEADER = 'email,name,slack_user_id,teams_user_id,programme,graduation_year,employer,sector,expertise,languages,engagement_types,locale,timezone,consent_purposes,consent_given_at,consent_source';

describe('Lifecycle: quiet hours (Slack over HTTP)', () => {
  let life: Life;

  afterEach(async () => {
    await life.stop();
  });

  it('delivers an invitation posted on a Saturday on Monday at 08:00, in each alumnus’ own time zone', async () => {
    life = await Life.start({ WORKING_HOURS: 'Mon-Fri 08:00-20:00' });
    const today = DateTime.now().toISODate();
    const alumni = [
      HEADER,
      `ola@example.no,Ola,U0OLA,,,,,,,nb,guest_lecture,nb,,guest_lecture,${today},test`,
      `ann@example.com,Ann,U0ANN,,,,,,,en,guest_lecture,en,America/New_York,guest_lecture,${today},test`,
    ].join('\n');
    await cli(life.h.databaseEnv, ['import-alumni', 'alumni.csv', '--slack-team', 'T1'], { 'alumni.csv': `${alumni}\n` });
    const saturday = DateTime.now().setZone('Europe/Oslo').plus({ weeks: 1 }).set({ weekday: 6, hour: 12, minute: 0, second: 0, millisecond: 0 });
    life.clock.jumpTo(saturday.toJSDate());

    const card = await life.post({ needed: 1 });
    await eventually(() => expect(life.thread(card)).toContain('Jeg har invitert 2 personer.'));
    await life.settle();
    expect(life.invitesTo('U0OLA')).toHaveLength(0);
    expect(life.invitesTo('U0ANN')).toHaveLength(0);
    const waiting = await life.h.service.database.prisma.outboxMessage.findMany({ where: { kind: 'invitation' }, include: { person: true } });
    const due = Object.fromEntries(waiting.map((row) => [row.person!.displayName, row.nextAttemptAt.toISOString()]));
    const monday = saturday.plus({ days: 2 }).set({ hour: 8 });
    expect(due).toEqual({
      Ola: monday.toUTC().toISO({ suppressMilliseconds: false }),
      Ann: monday.setZone('America/New_York', { keepLocalTime: true }).toUTC().toISO({ suppressMilliseconds: false }),
    });

    life.clock.jumpTo(monday.plus({ minutes: 1 }).toJSDate());
    await life.settle();
    await eventually(() => expect(life.invitesTo('U0OLA')).toHaveLength(1));
    expect(life.invitesTo('U0ANN')).toHaveLength(0);

    life.clock.jumpTo(monday.setZone('America/New_York', { keepLocalTime: true }).plus({ minutes: 1 }).toJSDate());
    await eventually(() => {
      life.h.service.dispatcher?.kick();
      expect(life.invitesTo('U0ANN')).toHaveLength(1);
    });
    // The reply window starts when the invitation arrives, not when it was written.
    const ola = await life.h.service.database.prisma.invitation.findFirstOrThrow({ where: { person: { displayName: 'Ola' } } });
    expect(ola.expiresAt!.getTime() - ola.sentAt!.getTime()).toBe(72 * 3_600_000);
  });
});
