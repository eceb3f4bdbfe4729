// Who someone is (roles, language, consent) is cached for a few seconds per instance, yet a change
// made in chat on this instance counts from the very next request (the other writes that empty
// the cache are listed in test/unit/app/actor-cache.test.ts).
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { postCommand, slashCommand } from '../../support/slack-requests.ts';

describe('Slack: changes to a person count from their next request', () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlackHarness();
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    h.slack.addUser({ id: 'UOLA', name: 'Ola', email: 'ola@example.no' });
  });

  afterAll(async () => {
    await h.stop();
  });

  async function command(userId: string, text: string): Promise<string> {
    const before = h.slack.responses.length;
    expect((await postCommand(h.base, slashCommand(h.slack.url, userId, text))).status).toBe(200);
    return String(h.slack.responses.slice(before).find((response) => response.id === `cmd-${userId}`)?.body.text ?? '');
  }
  const formsOpened = () => h.slack.callsTo('views.open').length;

  it('opens the request form for Ola right after an admin makes them staff, and refuses it right after the role is taken away', async () => {
    // Ola is known (and cached) as someone without a role.
    expect(await command('UOLA', 'request')).toBe('Du har ikke lov til å gjøre dette.');
    expect(await command('UOLA', 'request')).toBe('Du har ikke lov til å gjøre dette.');

    expect(await command('UKARI', 'admin grant staff <@UOLA|ola>')).toBe('Ola har nå rollen ansatt.');
    let before = formsOpened();
    await command('UOLA', 'request');
    expect(formsOpened()).toBe(before + 1);

    expect(await command('UKARI', 'admin revoke staff <@UOLA|ola>')).toBe('Ola har ikke lenger rollen ansatt.');
    before = formsOpened();
    expect(await command('UOLA', 'request')).toBe('Du har ikke lov til å gjøre dette.');
    expect(formsOpened()).toBe(before);

    expect(await command('UKARI', 'admin grant staff <@UOLA|ola>')).toBe('Ola har nå rollen ansatt.');
    before = formsOpened();
    await command('UOLA', 'request');
    expect(formsOpened()).toBe(before + 1);
  });
});
