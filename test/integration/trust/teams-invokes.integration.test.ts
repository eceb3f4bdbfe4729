// Teams invokes the bot does not implement (Universal Actions, a messaging extension, a task
// module, …) are answered with a proper status and, where Teams shows something, a card or a
// message telling the person what to do, in their language; never botbuilder's 501.
import { teamsActivity } from '../../support/fake-connector.ts';
import { postActivity, startTrustHarness, type TrustHarness } from './support.ts';

describe('Teams: invokes the bot does not implement', () => {
  let h: TrustHarness;
  let counter = 0;

  beforeAll(async () => {
    h = await startTrustHarness({ TEAMS_ALLOWED_TENANTS: 'tenant-1' });
    h.connector.addMember({ id: '29:ola', aadObjectId: 'aad-ola', name: 'Ola', email: 'ola@example.no' });
  });

  afterAll(async () => {
    await h.stop();
  });

  const invoke = (name: string, value: unknown, locale = 'en-US', tenantId = 'tenant-1') =>
    postActivity(h.base, { ...teamsActivity(h.connector.url, { id: `inv-${(counter += 1)}`, type: 'invoke', userId: '29:ola', aadObjectId: 'aad-ola', name: 'Ola', locale, tenantId, value }), name });

  it('answers a Universal Action (Action.Execute) with a card that says what to do', async () => {
    const response = await invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'refresh', data: {} }, trigger: 'manual' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { statusCode: number; type: string; value: unknown };
    expect(body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(body.value)).toContain('Write “help” in your chat with Alumni Bridge');
  });

  it('answers a messaging extension search and a task module with a message, in Norwegian for a Norwegian client', async () => {
    const query = await invoke('composeExtension/query', { commandId: 'search', parameters: [{ name: 'q', value: 'x' }] }, 'nb-NO');
    expect(query.status).toBe(200);
    expect(await query.json()).toEqual({ composeExtension: { type: 'message', text: expect.stringContaining('Skriv «hjelp»') } });
    const task = await invoke('task/fetch', { data: {} }, 'nb-NO');
    expect(task.status).toBe(200);
    expect(await task.json()).toEqual({ task: { type: 'message', value: expect.stringContaining('Skriv «hjelp»') } });
  });

  it('accepts other invokes with 200, and refuses malformed ones botbuilder knows with 400', async () => {
    for (const name of ['config/fetch', 'signin/verifyState', 'some/unknown']) {
      const response = await invoke(name, {});
      expect([name, response.status]).toEqual([name, 200]);
    }
    const consent = await invoke('fileConsent/invoke', {});
    expect(consent.status).toBe(400);
  });

  it('gives a tenant it does not serve an empty answer and nothing else', async () => {
    const calls = h.connector.calls.length;
    const response = await invoke('adaptiveCard/action', { action: { type: 'Action.Execute', verb: 'x' } }, 'en-US', 'tenant-other');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(h.connector.calls.length).toBe(calls);
  });
});
