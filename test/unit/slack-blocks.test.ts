import { cardToBlocks, escapeMrkdwn, fallbackText, inputsToBlocks, SLACK_LIMITS, suggestOptions } from '../../src/platforms/slack/blocks.ts';
import type { CardInput } from '../../src/domain/cards.ts';
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

describe('choices in Block Kit', () => {
  const programmes = (count: number, group?: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => ({ value: `p${i}`, label: `Programme ${i}`, ...(group ? { group: group(i) } : {}) }));
  const select = (options: CardInput['options'], extra: Partial<CardInput> = {}): CardInput => ({ id: 'programmeId', label: 'Programme', kind: 'select', required: false, options, ...extra });
  const elementOf = (input: CardInput) => inputsToBlocks([input])[0]?.element as Record<string, unknown> | undefined;
  const groupsOf = (element: unknown) => (element as { option_groups: { label: { text: string }; options: { value: string }[] }[] }).option_groups.map((group) => [group.label.text, group.options.map((option) => option.value)]);

  it('groups options under their unit with option_groups, keeping the initial choice', () => {
    const element = elementOf(select([{ value: 'a', label: 'MSc Economics', group: 'Economics' }, { value: 'b', label: 'MA Politics', group: 'Politics' }, { value: 'c', label: 'BA Economics', group: 'Economics' }], { initial: 'b' }));
    expect(element).toMatchObject({ type: 'static_select', initial_option: { value: 'b' } });
    expect(element).not.toHaveProperty('options');
    expect(groupsOf(element)).toEqual([['Economics', ['a', 'c']], ['Politics', ['b']]]);
    expect(blockProblem(inputsToBlocks([select(programmes(3, (i) => `Unit ${i}`))]), SLACK_LIMITS.blocksPerView)).toBeNull();
  });

  it('puts ungrouped options under the field label and clips long group labels', () => {
    const element = elementOf(select([{ value: 'a', label: 'A', group: 'G'.repeat(120) }, { value: 'b', label: 'B' }]));
    const groups = groupsOf(element);
    expect(groups[0]![0]).toHaveLength(SLACK_LIMITS.optionText);
    expect(groups[1]).toEqual(['Programme', ['b']]);
  });

  it('keeps plain options when nothing is grouped', () => {
    expect(elementOf(select(programmes(2)))).toMatchObject({ type: 'static_select', options: [{ value: 'p0' }, { value: 'p1' }] });
  });

  it('serves more than 100 options from the app instead of cutting any', () => {
    expect(elementOf(select(programmes(100, () => 'U')))?.type).toBe('static_select');
    const element = elementOf(select(programmes(101, () => 'U'), { initial: 'p100' }));
    expect(element).toEqual({ action_id: 'programmeId', type: 'external_select', min_query_length: 0, initial_option: { value: 'p100', text: { type: 'plain_text', text: 'Programme 100', emoji: true } } });
    expect(elementOf({ ...select(programmes(101)), kind: 'multiselect' })?.type).toBe('multi_external_select');
  });

  it('leaves out a select with nothing to choose, which Slack would refuse', () => {
    expect(inputsToBlocks([select([]), { id: 'title', label: 'Title', kind: 'text', required: true }]).map((block) => block.block_id)).toEqual(['title']);
    expect(blockProblem([{ type: 'input', block_id: 'x', element: { type: 'static_select', options: [] } }], SLACK_LIMITS.blocksPerView)).not.toBeNull();
    expect(blockProblem([{ type: 'input', block_id: 'x', element: { type: 'static_select', options: programmes(101).map((p) => ({ value: p.value, text: { type: 'plain_text', text: p.label } })) } }], SLACK_LIMITS.blocksPerView)).not.toBeNull();
  });

  it('suggests options matching what was typed, by label, group or extra search text, at most 100', () => {
    const options = [...programmes(150, (i) => (i % 2 ? 'Economics' : 'Political Science'))];
    const codes = (option: { value: string }) => (option.value === 'p7' ? 'MSC-ECON' : '');
    expect(suggestOptions(options, '  msc-econ ', 'Programme', codes)).toEqual({ option_groups: [{ label: { type: 'plain_text', text: 'Economics', emoji: true }, options: [{ value: 'p7', text: { type: 'plain_text', text: 'Programme 7', emoji: true } }] }] });
    const political = suggestOptions(options, 'POLITICAL', 'Programme') as { option_groups: { options: unknown[] }[] };
    expect(political.option_groups).toHaveLength(1);
    expect(political.option_groups[0]!.options).toHaveLength(75);
    const all = suggestOptions(options, '', 'Programme') as { option_groups: { options: unknown[] }[] };
    expect(all.option_groups.flatMap((group) => group.options)).toHaveLength(SLACK_LIMITS.options);
    expect(suggestOptions(programmes(3), 'nothing like it', 'Programme')).toEqual({ options: [] });
  });
});

describe('reading a submitted modal', () => {
  it('reads a picked user', () => {
    expect(readViewValues([{ id: 'person', label: '', kind: 'user', required: false }], { person: { person: { type: 'users_select', selected_user: 'U123' } } }, 'Europe/Oslo')).toEqual({ person: 'U123' });
  });

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
