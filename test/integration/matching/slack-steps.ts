// What people do in Slack, as signed HTTP requests to the running service, for the matching
// stories: join (consent), leave, post a request, read and answer invitations.
import type { SlackHarness } from '../../support/slack-service.ts';
import { blockAction, postCommand, postInteraction, slashCommand, stateValues, viewSubmission } from '../../support/slack-requests.ts';

const DAY = 86_400_000;

export function slackSteps(h: () => SlackHarness) {
  let views = 0;
  /** Each form Slack opens is a new view, with an id of its own. */
  const submission = (userId: string, callbackId: string, values: Record<string, Record<string, unknown>>) => {
    const payload = viewSubmission(userId, callbackId, values);
    views += 1;
    return { ...payload, view: { ...payload.view, id: `VSTEP${views}` } };
  };
  const blocksText = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);
  const dmOf = (userId: string) => h().slack.messagesIn(userId);

  async function join(userId: string, purposes: string[]): Promise<void> {
    const opened = await postCommand(h().base, slashCommand(h().slack.url, userId, 'join'));
    if (opened.status !== 200) throw new Error(`join: ${opened.status}`);
    const values = stateValues({ purposes: { type: 'multi_static_select', selected_options: purposes.map((value) => ({ value })) } });
    const response = await postInteraction(h().base, submission(userId, 'give_consent', values));
    if (response.status !== 200) throw new Error(`consent: ${response.status}`);
  }

  async function leave(userId: string): Promise<Response> {
    return postCommand(h().base, slashCommand(h().slack.url, userId, 'leave'));
  }

  function requestValues(overrides: Record<string, Record<string, unknown>> = {}) {
    return stateValues({
      title: { type: 'plain_text_input', value: 'Mentor for masterstudenter' },
      type: { type: 'static_select', selected_option: { value: 'guest_lecture' } },
      unitId: { type: 'static_select', selected_option: { value: h().unitId } },
      programmeId: { type: 'static_select', selected_option: { value: h().programmeId } },
      course: { type: 'plain_text_input', value: null },
      description: { type: 'plain_text_input', value: 'Ett semester, en time i måneden.' },
      expertise: { type: 'plain_text_input', value: 'offentlig politikk' },
      startsAt: { type: 'datetimepicker', selected_date_time: Math.floor((Date.now() + 40 * DAY) / 1000) },
      format: { type: 'static_select', selected_option: { value: 'either' } },
      needed: { type: 'number_input', value: '1' },
      replyBy: { type: 'datepicker', selected_date: new Date(Date.now() + 20 * DAY).toISOString().slice(0, 10) },
      channel: { type: 'conversations_select', selected_conversation: 'CSTAFF' },
      ...overrides,
    });
  }

  async function postRequest(userId: string, type: string, overrides: Record<string, Record<string, unknown>> = {}): Promise<void> {
    const values = requestValues({ type: { type: 'static_select', selected_option: { value: type } }, ...overrides });
    const response = await postInteraction(h().base, submission(userId, 'post_request', values));
    if (response.status !== 200) throw new Error(`post_request: ${response.status}`);
    const body = await response.text();
    if (body !== '') throw new Error(`post_request refused: ${body}`);
  }

  /** The invitations a user got (as they look now), recognised by their metadata. */
  const invitationsOf = (userId: string) => dmOf(userId).filter((message) => JSON.stringify(message.metadata ?? '').includes(':invite'));
  const buttonValue = (message: { blocks: unknown[] }, actionId: string) => new RegExp(`"action_id":"${actionId}","value":"([0-9a-f-]+)"`).exec(blocksText(message))![1]!;

  function press(userId: string, actionId: string, message: { blocks: unknown[]; channel: string; ts: string }) {
    return postInteraction(h().base, blockAction(h().slack.url, userId, actionId, buttonValue(message, actionId), { channel: message.channel, ts: message.ts }));
  }

  return { join, leave, postRequest, invitationsOf, buttonValue, press, blocksText, dmOf };
}
