// A fresh install, set up and used the way a faculty does it, with no row written by hand:
// the admin imports the example faculty and alumni with the CLI, grants the staff role in chat,
// and the new staff member's request reaches a consenting imported alumnus, on Slack and on Teams.
import path from 'node:path';
import { eventually } from '../support/eventually.ts';
import { cli } from '../support/faculty.ts';
import { FakeConnector, teamsActivity } from '../support/fake-connector.ts';
import { startSlackHarness, type SlackHarness } from '../support/slack-service.ts';
import { blockAction, postCommand, postInteraction, slashCommand, stateValues, viewSubmission } from '../support/slack-requests.ts';

const DAY = 86_400_000;
const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const INGRID = 'U0ALUM01'; // examples/alumni.csv: consents to guest lectures, public policy, MA-ECON
const RAGNHILD = 'U0ALUM21'; // examples/alumni.csv: imported without consent
const SOFIE = { userId: '29:sofie', aadObjectId: '1a7c2e4f-3b5d-4c6e-8f90-a1b2c3d4e501', name: 'Sofie Lindqvist' };
const KARI = { userId: '29:kari', aadObjectId: 'aad-kari', name: 'Kari' };
const NINA = { userId: '29:nina', aadObjectId: 'aad-nina', name: 'Nina' };
const CHANNEL = '19:staff@thread.tacv2';

describe('a fresh install set up by CSV import and chat', () => {
  let h: SlackHarness;

  beforeEach(async () => {
    h = await startSlackHarness({}, { faculty: false });
    for (const [file, command] of [['units.csv', 'import-units'], ['programmes.csv', 'import-programmes'], ['alumni.csv', 'import-alumni']] as const) {
      await cli({ ...h.databaseEnv, DEFAULT_LOCALE: 'en' }, [command, path.join(EXAMPLES, file)]);
    }
  });
  afterEach(async () => h.stop());

  const blocksOf = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);
  const invitationsTo = (userId: string) => h.slack.messagesIn(userId).filter((message) => blocksOf(message).includes('Kan du bidra?'));

  it('on Slack: the admin grants staff by mention, and the request reaches the imported alumni who consented', async () => {
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    h.slack.addUser({ id: 'UNINA', name: 'Nina', email: 'nina@uni.example' });
    h.slack.addUser({ id: INGRID, name: 'Ingrid Haugland', email: 'ingrid.haugland@example.no' });

    await postCommand(h.base, slashCommand(h.slack.url, 'UNINA', 'request'));
    expect(h.slack.callsTo('views.open')).toHaveLength(0);
    expect(h.slack.responses.at(-1)?.body.text).toContain('Du har ikke lov');

    await postCommand(h.base, slashCommand(h.slack.url, 'UKARI', 'admin grant staff <@UNINA|nina>'));
    expect(h.slack.responses.at(-1)?.body.text).toBe('Nina har nå rollen ansatt.');

    await postCommand(h.base, slashCommand(h.slack.url, 'UNINA', 'request'));
    const modal = JSON.stringify(h.slack.callsTo('views.open').at(-1)!.params.view);
    const option = (label: string) => new RegExp(`"value":"([0-9a-f-]+)","text":\\{"type":"plain_text","text":"${label}"`).exec(modal)?.[1];
    const unitId = option('Økonomisk institutt');
    const programmeId = option('Masterprogram i samfunnsøkonomi');
    expect(unitId).toBeDefined();
    expect(programmeId).toBeDefined();
    expect(modal).toContain('"option_groups"');

    const submitted = await postInteraction(h.base, viewSubmission('UNINA', 'post_request', stateValues({
      title: { type: 'plain_text_input', value: 'Gjesteforelesning om skattepolitikk' },
      type: { type: 'static_select', selected_option: { value: 'guest_lecture' } },
      unitId: { type: 'static_select', selected_option: { value: unitId } },
      programmeId: { type: 'static_select', selected_option: { value: programmeId } },
      description: { type: 'plain_text_input', value: 'Nitti minutter for masterstudenter.' },
      expertise: { type: 'plain_text_input', value: 'public policy' },
      startsAt: { type: 'datetimepicker', selected_date_time: Math.floor((Date.now() + 40 * DAY) / 1000) },
      format: { type: 'static_select', selected_option: { value: 'campus' } },
      needed: { type: 'number_input', value: '1' },
      replyBy: { type: 'datepicker', selected_date: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10) },
      channel: { type: 'conversations_select', selected_conversation: 'CSTAFF' },
    })));
    expect(await submitted.text()).toBe('');

    // One place, three invitations out (MATCH_OVERSAMPLE); Ingrid fits best. Nobody without consent is asked.
    const invitation = await eventually(() => {
      expect(invitationsTo(INGRID)).toHaveLength(1);
      return invitationsTo(INGRID)[0]!;
    });
    expect(blocksOf(invitation)).toContain('public policy');
    expect(invitationsTo(RAGNHILD)).toHaveLength(0);
    // Everyone asked had consented to guest lectures (in the file); nobody else.
    const invited = await h.service.database.prisma.invitation.findMany({ include: { person: { include: { consents: true } } } });
    expect(invited.length).toBeGreaterThanOrEqual(3);
    expect(invited.every((one) => one.person.consents.some((consent) => consent.source === 'csv_import' && consent.purposes.includes('guest_lecture')))).toBe(true);

    const accept = /"action_id":"invitation_accept","value":"([0-9a-f-]+)"/.exec(blocksOf(invitation))![1]!;
    await postInteraction(h.base, blockAction(h.slack.url, INGRID, 'invitation_accept', accept, { channel: invitation.channel, ts: invitation.ts }));
    expect(blocksOf(invitationsTo(INGRID)[0]!)).toContain('Takk for at du sa ja!');
    await eventually(() => {
      const thread = h.slack.messagesIn('CSTAFF').map((message) => message.text);
      expect(thread).toEqual(expect.arrayContaining(['Ingrid Haugland sa ja (1 av 1).']));
    });
    // Her first contact bound the imported identity to the workspace: still one person.
    const ingrid = await h.service.database.prisma.person.findUniqueOrThrow({ where: { email: 'ingrid.haugland@example.no' }, include: { identities: true, consents: true } });
    expect(ingrid.identities.map((identity) => [identity.workspaceId, identity.userId])).toEqual([['T1', INGRID]]);
    expect(ingrid.consents.map((consent) => consent.source)).toEqual(['csv_import']);
  });

  it('on Teams: the admin grants staff by e-mail, and an imported alumnus who installs the app is invited', async () => {
    const connector = await new FakeConnector().start();
    try {
      connector.addMember({ id: KARI.userId, aadObjectId: KARI.aadObjectId, name: 'Kari', email: 'kari@uni.example' });
      connector.addMember({ id: NINA.userId, aadObjectId: NINA.aadObjectId, name: 'Nina', email: 'nina@uni.example' });
      connector.addMember({ id: SOFIE.userId, aadObjectId: SOFIE.aadObjectId, name: SOFIE.name, email: 'sofie.lindqvist@example.se' });
      let counter = 0;
      const post = (activity: Record<string, unknown>) => fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
      const personal = (who: typeof KARI, fields: { text?: string; value?: unknown; type?: string; membersAdded?: { id: string }[] }) =>
        post(teamsActivity(connector.url, { id: `act-${(counter += 1)}`, type: 'message', ...who, ...fields }));
      const inChannel = (who: typeof KARI, fields: { text?: string; value?: unknown; replyToId?: string }) => {
        const id = `act-${(counter += 1)}`;
        const activity = teamsActivity(connector.url, { id, type: 'message', ...who, ...fields });
        return post({ ...activity, conversation: { id: `${CHANNEL};messageid=${id}`, conversationType: 'channel', tenantId: 'tenant-1' }, channelData: { tenant: { id: 'tenant-1' }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } } });
      };
      const json = (call: { body: Record<string, unknown> }) => JSON.stringify(call.body);

      // Sofie was imported with her Teams id and her consent; she installs the app.
      await personal(SOFIE, { type: 'conversationUpdate', membersAdded: [{ id: '28:alumni-bot' }] });

      await personal(KARI, { text: 'admin grant staff nina@uni.example' });
      expect(json(connector.calls.at(-1)!)).toContain('Ingen har brukt boten med nina@uni.example ennå.');

      await inChannel(NINA, { text: '<at>Alumni Bridge</at> request' });
      const form = connector.calls.filter((call) => call.method === 'POST' && json(call).includes('"action":"post_request"')).at(-1)!;
      const choice = (title: string) => new RegExp(`"title":"${title}","value":"([0-9a-f-]+)"`).exec(json(form))?.[1];
      const unitId = choice('Institutt for sosiologi og samfunnsgeografi');
      expect(unitId).toBeDefined();

      await inChannel(NINA, {
        replyToId: 'activity-form',
        value: {
          action: 'post_request', value: '', title: 'Gjesteforelesning om surveymetode', type: 'guest_lecture', unitId, description: 'For bachelorstudenter.',
          expertise: 'survey methods, statistics', startsAt: new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10), startsAt_time: '10:15', format: 'digital', needed: '1',
          replyBy: new Date(Date.now() + 10 * DAY).toISOString().slice(0, 10),
        },
      });
      expect(json(connector.calls.filter((call) => call.method === 'PUT').at(-1)!)).toContain('Forespørselen din er lagt ut i denne kanalen.');
      await eventually(() => {
        const invitation = connector.calls.find((call) => call.conversationId === `a:personal-${SOFIE.aadObjectId}` && json(call).includes('Gjesteforelesning om surveymetode'));
        expect(invitation).toBeDefined();
        expect(json(invitation!)).toContain('Can you help?');
      });
    } finally {
      await connector.stop();
    }
  });
});
