// Setting up a fresh install from Slack, over real HTTP: an empty database (no units, no
// programmes, no roles but ADMIN_EMAILS), signed requests to the running service, and the
// bot's Web API calls received by the fake Slack. Kari (kari@uni.example) is the admin.
// The tests run in order and build on each other, as an admin's first day would.
import { eventually } from '../../support/eventually.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { blockSuggestion, homeBlockAction, postCommand, postEvent, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const DAY = 86_400_000;

type View = { callback_id: string; blocks: { type: string; block_id?: string; element?: Record<string, unknown> }[] };

describe('Slack: an admin sets up a fresh install from chat', () => {
  let h: SlackHarness;
  let events = 0;

  beforeAll(async () => {
    h = await startSlackHarness({}, { faculty: false });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
    h.slack.addUser({ id: 'USIRI', name: 'Siri', email: 'siri@example.no', locale: 'en-US' });
    h.slack.addUser({ id: 'UPER', name: 'Per', email: 'per@example.no' });
  });

  afterAll(async () => {
    await h.stop();
  });

  const prisma = () => h.service.database.prisma;
  const personByEmail = (email: string) => prisma().person.findFirst({ where: { email } });
  const audits = (action: string) => prisma().auditEntry.count({ where: { action } });

  /** Runs `/alumni <text>` as a user and returns the ephemeral answer they saw. */
  async function command(userId: string, text: string): Promise<string> {
    const before = h.slack.responses.length;
    expect((await postCommand(h.base, slashCommand(h.slack.url, userId, text))).status).toBe(200);
    const answer = h.slack.responses.slice(before).find((response) => response.id === `cmd-${userId}`);
    return String(answer?.body.text ?? '');
  }

  const viewsOpened = () => h.slack.callsTo('views.open').length;
  const lastOpened = () => h.slack.callsTo('views.open').at(-1)!.params.view as View;
  const homeOf = (userId: string) => JSON.stringify(h.slack.callsTo('views.publish').filter((call) => call.params.user_id === userId).at(-1)?.params.view ?? {});
  const openHome = async (userId: string) => {
    events += 1;
    const event = { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' };
    expect((await postEvent(h.base, { type: 'event_callback', team_id: 'T1', api_app_id: 'A1', event_id: `EvAdmin${events}`, event_time: 1, event })).status).toBe(200);
    return homeOf(userId);
  };
  const pressOnHome = async (userId: string, actionId: string, picked?: string) => {
    const values = picked ? stateValues({ person: { type: 'users_select', selected_user: picked } }) : stateValues({ person: { type: 'users_select', selected_user: null } });
    expect((await postInteraction(h.base, homeBlockAction(userId, actionId, 'x', values))).status).toBe(200);
  };
  const submit = async (userId: string, callbackId: string, fields: Record<string, Record<string, unknown>>) => {
    const response = await postInteraction(h.base, viewSubmission(userId, callbackId, stateValues(fields)));
    expect(response.status).toBe(200);
    const body = await response.text();
    return body ? (JSON.parse(body) as { response_action: string; errors: Record<string, string> }) : null;
  };
  const unitFields = (code: string, nameNb: string, nameEn = '') => ({
    code: { type: 'plain_text_input', value: code },
    nameNb: { type: 'plain_text_input', value: nameNb },
    nameEn: { type: 'plain_text_input', value: nameEn || null },
    kind: { type: 'static_select', selected_option: { value: 'department' } },
  });
  const programmeFields = (code: string, nameNb: string, unitCode: string) => ({
    code: { type: 'plain_text_input', value: code },
    nameNb: { type: 'plain_text_input', value: nameNb },
    nameEn: { type: 'plain_text_input', value: null },
    level: { type: 'static_select', selected_option: { value: 'master' } },
    unitCode: { type: 'static_select', selected_option: { value: unitCode } },
  });

  it('refuses admin commands from a non-admin, in their language, and writes nothing', async () => {
    const answer = await command('USIRI', 'admin grant staff <@UOLA|ola>');
    expect(answer).toBe('Only admins can use `/alumni admin`, and you are not an admin. Nothing was changed.');
    expect(h.slack.callsTo('users.info').map((call) => call.params.user)).not.toContain('UOLA');
    expect(await personByEmail('ola@example.no')).toBeNull();
    expect(await audits('role.granted')).toBe(0);
  });
  it('shows an admin the admin commands, and only admins see them in the help', async () => {
    const help = await command('UKARI', 'admin');
    expect(help).toContain('*Administratorkommandoer*');
    expect(help).toContain('`/alumni admin grant staff @person`');
    expect(help).toContain('npm run cli -- import-units &lt;fil.csv&gt;');
    expect(await command('UKARI', 'help')).toContain('`/alumni admin`');
    expect(await command('USIRI', 'help')).not.toContain('/alumni admin');
  });

  it('says what to write when an admin command is malformed', async () => {
    const usage = 'Det forsto jeg ikke. Skriv `/alumni admin grant staff @person`';
    expect(await command('UKARI', 'admin grant boss <@UOLA|ola>')).toContain(usage);
    expect(await command('UKARI', 'admin grant staff ola')).toContain(usage);
    expect(await command('UKARI', 'admin make staff <@UOLA|ola>')).toContain(usage);
    expect(await personByEmail('ola@example.no')).toBeNull();
  });

  it('on a fresh install, tells an admin how to add units instead of opening a broken request form', async () => {
    const before = viewsOpened();
    const answer = await command('UKARI', 'request');
    expect(answer).toContain('Det finnes ingen enheter ennå');
    expect(answer).toContain('«Legg til enhet»');
    expect(answer).toContain('`/alumni admin`');
    expect(answer).toContain('npm run cli -- import-units examples/units.csv');
    expect(viewsOpened()).toBe(before);

    // The global shortcut has no channel to answer in: the same words come as a direct message.
    const shortcut = { type: 'shortcut', callback_id: 'request_alumni', trigger_id: 'trigger-UKARI-shortcut', action_ts: '1.1', team: { id: 'T1', domain: 'alumni' }, user: { id: 'UKARI', username: 'ukari', team_id: 'T1' }, api_app_id: 'A1', token: 'legacy' };
    expect((await postInteraction(h.base, shortcut)).status).toBe(200);
    expect(h.slack.messagesIn('UKARI').at(-1)?.text).toBe(answer);
    expect(viewsOpened()).toBe(before);
  });

  it('grants the staff role to a mentioned user the bot has never seen, and takes it away again', async () => {
    expect(await command('UKARI', 'admin grant staff <@UOLA|ola>')).toBe('Ola har nå rollen ansatt.');
    const [kari, ola] = [await personByEmail('kari@uni.example'), await personByEmail('ola@example.no')];
    expect(ola?.roles).toEqual(['staff']);
    expect(await prisma().auditEntry.count({ where: { action: 'role.granted', actorId: kari!.id, personId: ola!.id } })).toBe(1);
    expect(await command('UKARI', 'admin grant staff <@UOLA>')).toBe('Ola har allerede rollen ansatt. Ingenting ble endret.');

    // Ola is staff now: on a fresh install the form tells them to ask an admin.
    const before = viewsOpened();
    expect(await command('UOLA', 'request')).toBe('Boten er ikke satt opp ennå: det finnes ingen enheter å lage forespørsler for. Be en administrator legge dem til.');
    expect(viewsOpened()).toBe(before);

    expect(await command('UKARI', 'admin revoke staff <@UOLA|ola>')).toBe('Ola har ikke lenger rollen ansatt.');
    expect((await personByEmail('ola@example.no'))?.roles).toEqual([]);
    expect(await command('UOLA', 'request')).toBe('Du har ikke lov til å gjøre dette.');
    expect(await command('UKARI', 'admin grant staff <@UOLA|ola>')).toBe('Ola har nå rollen ansatt.');
    expect(await audits('role.revoked')).toBe(1);
  });

  it('says so when a mentioned user does not exist in Slack, and writes nothing', async () => {
    const people = await prisma().person.count();
    expect(await command('UKARI', 'admin grant staff <@UGHOST|ghost>')).toBe('Jeg fant ikke den Slack-brukeren, så ingenting ble endret. Sjekk omtalen, eller oppgi e-postadressen i stedet.');
    expect(await prisma().person.count()).toBe(people);
  });

  it('keeps a grant to an unknown e-mail address until that person first gets in touch', async () => {
    expect(await command('UKARI', 'admin grant staff <mailto:per@example.no|per@example.no>')).toBe(
      'Ingen har brukt boten med per@example.no ennå. Personen får rollen ansatt fra første kontakt med denne e-postadressen.',
    );
    expect(await command('UKARI', 'admin revoke staff nobody@example.no')).toBe('Ingen med nobody@example.no har brukt boten, så det er ingen rolle å ta bort. Ingenting ble endret.');
    // Per's first contact: he is staff, so the request form answers him as staff.
    expect(await command('UPER', 'request')).toContain('Be en administrator legge dem til.');
    const per = await personByEmail('per@example.no');
    expect(per?.roles).toEqual(['staff']);
    expect(await prisma().platformIdentity.count({ where: { personId: per!.id, userId: 'UPER' } })).toBe(1);
  });

  it('will not let an admin remove their own admin role', async () => {
    expect(await command('UKARI', 'admin revoke admin <@UKARI|kari>')).toBe('Du kan ikke ta bort din egen administratorrolle; be en annen administrator gjøre det. Ingenting ble endret.');
    expect((await personByEmail('kari@uni.example'))?.roles).toEqual(expect.arrayContaining(['admin', 'staff']));
  });

  it('shows the admin panel on the App Home tab to admins only', async () => {
    const home = await eventuallyHome('UKARI', 'Administrasjon');
    expect(home).toContain('Ansatte (3 personer):');
    expect(home).toContain('• Kari (kari@uni.example) – administrator');
    expect(home).toContain('"type":"users_select"');
    for (const id of ['admin_grant_staff', 'admin_revoke_staff', 'admin_add_unit', 'admin_add_programme']) expect(home).toContain(`"action_id":"${id}"`);
    expect(home).toContain('Ingen enheter ennå.');
    const siriHome = await eventuallyHome('USIRI', 'Your alumni profile');
    expect(siriHome).not.toContain('Administration');
    expect(siriHome).not.toContain('admin_grant_staff');
  });

  it('grants and revokes with the person picker on the home tab, in the admin’s language', async () => {
    await pressOnHome('UKARI', 'admin_grant_staff', 'USIRI');
    expect(homeOf('UKARI')).toContain('Siri har nå rollen ansatt.');
    expect(homeOf('UKARI')).toContain('Ansatte (4 personer):');
    expect((await personByEmail('siri@example.no'))?.roles).toEqual(['staff']);

    await pressOnHome('UKARI', 'admin_revoke_staff', 'USIRI');
    expect(homeOf('UKARI')).toContain('Siri har ikke lenger rollen ansatt.');
    expect((await personByEmail('siri@example.no'))?.roles).toEqual([]);

    await pressOnHome('UKARI', 'admin_grant_staff');
    expect(homeOf('UKARI')).toContain('Velg en person først, og trykk så på knappen.');
  });

  it('refuses the panel buttons to a non-admin, and changes nothing', async () => {
    const audited = await prisma().auditEntry.count();
    await pressOnHome('USIRI', 'admin_grant_staff', 'USIRI');
    expect(homeOf('USIRI')).toContain('You are not allowed to do that.');
    await pressOnHome('USIRI', 'admin_add_unit');
    expect(await prisma().auditEntry.count()).toBe(audited);
    expect((await personByEmail('siri@example.no'))?.roles).toEqual([]);
    expect(lastOpenedBy('USIRI')).toBeUndefined();
  });

  it('adds units and programmes in modals, with problems shown next to the field', async () => {
    await pressOnHome('UKARI', 'admin_add_programme');
    expect(homeOf('UKARI')).toContain('Det finnes ingen enheter ennå, så et studieprogram har ingen å høre til. Legg til en enhet først.');

    await pressOnHome('UKARI', 'admin_add_unit');
    expect(lastOpened().callback_id).toBe('admin_add_unit');
    expect(lastOpened().blocks.map((block) => block.block_id).filter(Boolean)).toEqual(['code', 'nameNb', 'nameEn', 'kind']);

    const bad = await submit('UKARI', 'admin_add_unit', unitFields('ØK!', ' '));
    expect(bad).toEqual({
      response_action: 'errors',
      errors: { code: 'Bruk bokstaver, sifre, punktum, bindestrek eller understrek, og start med en bokstav eller et siffer.', nameNb: 'Må fylles ut.' },
    });
    expect(await prisma().unit.count()).toBe(0);

    expect(await submit('UKARI', 'admin_add_unit', unitFields('econ', 'Økonomisk institutt', 'Department of Economics'))).toBeNull();
    expect(homeOf('UKARI')).toContain('Enheten ECON (Økonomisk institutt) er lagt til.');
    expect(await submit('UKARI', 'admin_add_unit', unitFields('STV', 'Institutt for statsvitenskap'))).toBeNull();
    expect(await audits('unit.created')).toBe(2);

    await pressOnHome('UKARI', 'admin_add_programme');
    expect(lastOpened().callback_id).toBe('admin_add_programme');
    expect(JSON.stringify(lastOpened())).toContain('ECON Økonomisk institutt');
    const missingUnit = await submit('UKARI', 'admin_add_programme', { ...programmeFields('MSC-ECON', 'Master i samfunnsøkonomi', 'ECON'), unitCode: { type: 'static_select', selected_option: null } });
    expect(missingUnit?.errors).toEqual({ unitCode: 'Må fylles ut.' });
    expect(await prisma().programme.count()).toBe(0);

    expect(await submit('UKARI', 'admin_add_programme', programmeFields('MSC-ECON', 'Master i samfunnsøkonomi', 'ECON'))).toBeNull();
    expect(homeOf('UKARI')).toContain('Studieprogrammet MSC-ECON (Master i samfunnsøkonomi) er lagt til.');
    expect(await submit('UKARI', 'admin_add_programme', programmeFields('BA-ECON', 'Bachelor i samfunnsøkonomi', 'ECON'))).toBeNull();
    expect(await submit('UKARI', 'admin_add_programme', programmeFields('MA-STV', 'Master i statsvitenskap', 'STV'))).toBeNull();
    expect(homeOf('UKARI')).toContain('2 enheter: ECON Økonomisk institutt, STV Institutt for statsvitenskap · 3 studieprogram');
  });

  it('opens the request form for staff, with programmes grouped by unit', async () => {
    expect(await command('UOLA', 'request')).toBe('');
    const form = lastOpened();
    expect(form.callback_id).toBe('post_request');
    const programme = form.blocks.find((block) => block.block_id === 'programmeId')!.element as { type: string; option_groups: { label: { text: string }; options: { text: { text: string } }[] }[] };
    expect(programme.type).toBe('static_select');
    expect(programme.option_groups.map((group) => [group.label.text, group.options.map((option) => option.text.text)])).toEqual([
      ['Institutt for statsvitenskap', ['Master i statsvitenskap']],
      ['Økonomisk institutt', ['Bachelor i samfunnsøkonomi', 'Master i samfunnsøkonomi']],
    ]);
  });

  it('with more than 100 programmes, serves them as the person types, and the choice is submitted as usual', async () => {
    for (let i = 1; i <= 98; i += 1) {
      const number = String(i).padStart(3, '0');
      expect(await submit('UKARI', 'admin_add_programme', programmeFields(`EMNE-${number}`, `Emne ${number}`, i % 2 ? 'ECON' : 'STV'))).toBeNull();
    }
    expect(await prisma().programme.count()).toBe(101);

    expect(await command('UOLA', 'request')).toBe('');
    const programme = lastOpened().blocks.find((block) => block.block_id === 'programmeId')!.element!;
    expect(programme).toMatchObject({ type: 'external_select', action_id: 'programmeId', min_query_length: 0 });
    expect(programme).not.toHaveProperty('options');

    const suggest = async (value: string) => {
      const response = await postInteraction(h.base, blockSuggestion('UOLA', 'post_request', 'programmeId', value));
      expect(response.status).toBe(200);
      return (await response.json()) as { option_groups?: { label: { text: string }; options: { text: { text: string }; value: string }[] }[]; options?: unknown[] };
    };
    const labels = (answer: Awaited<ReturnType<typeof suggest>>) => (answer.option_groups ?? []).map((group) => [group.label.text, group.options.map((option) => option.text.text)]);

    expect(labels(await suggest('msc-econ'))).toEqual([['Økonomisk institutt', ['Master i samfunnsøkonomi']]]);
    expect(labels(await suggest('STATSVIT'))).toEqual([['Institutt for statsvitenskap', ['Emne 002', ...Array.from({ length: 48 }, (_, i) => `Emne ${String(i * 2 + 4).padStart(3, '0')}`), 'Master i statsvitenskap']]]);
    const everything = await suggest('');
    expect(everything.option_groups!.flatMap((group) => group.options)).toHaveLength(100);
    expect(labels(await suggest('zzz'))).toEqual([]);

    const chosen = (await suggest('emne 042')).option_groups![0]!.options[0]!;
    const unit = await prisma().unit.findFirstOrThrow({ where: { code: 'STV' } });
    const posted = await submit('UOLA', 'post_request', {
      title: { type: 'plain_text_input', value: 'Gjesteforelesning om valg' },
      type: { type: 'static_select', selected_option: { value: 'guest_lecture' } },
      unitId: { type: 'static_select', selected_option: { value: unit.id } },
      programmeId: { type: 'external_select', selected_option: { value: chosen.value, text: chosen.text } },
      description: { type: 'plain_text_input', value: 'Nitti minutter for andreårsstudenter.' },
      startsAt: { type: 'datetimepicker', selected_date_time: Math.floor((Date.now() + 40 * DAY) / 1000) },
      format: { type: 'static_select', selected_option: { value: 'campus' } },
      needed: { type: 'number_input', value: '1' },
      replyBy: { type: 'datepicker', selected_date: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10) },
      channel: { type: 'conversations_select', selected_conversation: 'CSTAFF' },
    });
    expect(posted).toBeNull();
    const request = await prisma().request.findFirstOrThrow({ where: { title: 'Gjesteforelesning om valg' } });
    expect(request.programmeId).toBe(chosen.value);
    expect((await prisma().programme.findUniqueOrThrow({ where: { id: chosen.value } })).code).toBe('EMNE-042');
  });

  it('offers nothing to type-ahead for someone who may not post requests', async () => {
    const response = await postInteraction(h.base, blockSuggestion('USIRI', 'post_request', 'programmeId', 'emne'));
    expect(await response.json()).toEqual({ options: [] });
  });

  async function eventuallyHome(userId: string, text: string): Promise<string> {
    await openHome(userId);
    return eventually(() => {
      const home = homeOf(userId);
      expect(home).toContain(text);
      return home;
    });
  }

  function lastOpenedBy(userId: string) {
    return h.slack.callsTo('views.open').find((call) => String(call.params.trigger_id).startsWith(`trigger-${userId}`));
  }
});
