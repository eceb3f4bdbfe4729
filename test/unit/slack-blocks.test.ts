import { cardToBlocks, escapeMrkdwn, fallbackText, inputsToBlocks, SLACK_LIMITS } from '../../src/platforms/slack/blocks.ts';
import { endOfLocalDay } from '../../src/domain/time.ts';
import { readViewValues } from '../../src/platforms/slack/view-values.ts';
import { blockProblem } from '../support/fake-slack.ts';

describe('Block Kit rendering', () => {
  it('escapes mentions and markup typed by people', () => {
    expect(escapeMrkdwn('Hi <!channel> & <@U123>')).toBe('Hi &lt;!channel&gt; &amp; &lt;@U123&gt;');
    expect(fallbackText({ title: '<!here>', text: 'x' })).toBe('&lt;!here&gt;\nx');
    expect(JSON.stringify(cardToBlocks({ text: '<!everyone>' }))).toContain('&lt;!everyone&gt;');
  });

  it('stays inside Slack limits whatever the card holds', () => {
    const blocks = cardToBlocks({
      title: 'T'.repeat(400),
      text: 'x'.repeat(9000),
      facts: Array.from({ length: 30 }, (_, i) => ({ label: `L${i}`, value: 'v'.repeat(3000) })),
      actions: [{ id: 'invitation_accept', label: 'B'.repeat(200), value: 'id' }],
    });
    expect(blockProblem(blocks, SLACK_LIMITS.blocksPerMessage)).toBeNull();
  });

  it('gives each input its field name as block and action id', () => {
    const [block] = inputsToBlocks([{ id: 'needed', label: 'People', kind: 'number', required: true, min: 1, max: 50 }]);
    expect(block).toMatchObject({ type: 'input', block_id: 'needed', optional: false, element: { action_id: 'needed', type: 'number_input', min_value: '1', max_value: '50' } });
  });
});

describe('reading a submitted modal', () => {
  it('reads each kind of input, and treats a malformed state as empty', () => {
    const inputs = [
      { id: 'title', label: '', kind: 'text' as const, required: true },
      { id: 'type', label: '', kind: 'select' as const, required: true },
      { id: 'startsAt', label: '', kind: 'datetime' as const, required: true },
      { id: 'channel', label: '', kind: 'channel' as const, required: true },
    ];
    const state = {
      title: { title: { value: 'Hei' } },
      type: { type: { selected_option: { value: 'mentoring' } } },
      startsAt: { startsAt: { selected_date_time: 1_800_000_000 } },
      channel: { channel: { selected_conversation: 'C1' } },
    };
    expect(readViewValues(inputs, state, 'Europe/Oslo')).toEqual({ title: 'Hei', type: 'mentoring', startsAt: new Date(1_800_000_000_000), channel: 'C1' });
    expect(readViewValues(inputs, 'garbage', 'Europe/Oslo')).toEqual({ title: undefined, type: undefined, startsAt: undefined, channel: undefined });
  });

  it('reads a picked day as the end of that day in the faculty time zone', () => {
    expect((endOfLocalDay('2026-12-18', 'Europe/Oslo') as Date).toISOString()).toBe('2026-12-18T22:59:59.999Z');
  });
});
