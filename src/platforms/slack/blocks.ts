// Renders the core's neutral cards as Block Kit. Everything that came from people is escaped
// (&, <, >), so "<!channel>" or "<@U123>" typed into a request never pings anyone.
import type { Card, CardInput, CardOption } from '../../domain/cards.ts';

export type Block = { type: string; [key: string]: unknown };

/** Slack's documented limits (https://api.slack.com/reference/block-kit). */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  headerText: 150,
  sectionText: 3000,
  fields: 10,
  fieldText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  optionText: 75,
  options: 100,
  viewTitle: 24,
  fallbackText: 4000,
} as const;

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);
const plain = (text: string, max: number) => ({ type: 'plain_text', text: clip(text, max), emoji: true });
const mrkdwn = (text: string, max: number) => ({ type: 'mrkdwn', text: clip(escapeMrkdwn(text), max) });

/** The blocks of a message (or of a modal's read-only part). */
export function cardToBlocks(card: Card): Block[] {
  const blocks: Block[] = [];
  if (card.title) blocks.push({ type: 'header', text: plain(card.title, SLACK_LIMITS.headerText) });
  if (card.text) blocks.push({ type: 'section', text: mrkdwn(card.text, SLACK_LIMITS.sectionText) });
  if (card.facts?.length) {
    blocks.push({
      type: 'section',
      fields: card.facts.slice(0, SLACK_LIMITS.fields).map((fact) => mrkdwn(`*${fact.label}*\n${fact.value}`, SLACK_LIMITS.fieldText)),
    });
  }
  for (const section of card.sections ?? []) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(`*${escapeMrkdwn(section.heading)}*\n${escapeMrkdwn(section.lines.join('\n'))}`, SLACK_LIMITS.sectionText) } });
  }
  if (card.actions?.length) {
    blocks.push({
      type: 'actions',
      elements: card.actions.slice(0, SLACK_LIMITS.actionsElements).map((action) => ({
        type: 'button',
        action_id: action.id,
        value: action.value,
        text: plain(action.label, SLACK_LIMITS.buttonText),
        ...(action.style ? { style: action.style } : {}),
      })),
    });
  }
  if (card.context) blocks.push({ type: 'context', elements: [mrkdwn(card.context, SLACK_LIMITS.sectionText)] });
  return blocks;
}

/** Notification and screen-reader text for a message (mrkdwn, so escaped like the rest). */
export function fallbackText(card: Card): string {
  return clip(escapeMrkdwn([card.title, card.text].filter(Boolean).join('\n')), SLACK_LIMITS.fallbackText) || ' ';
}

type SlackOption = { value: string; text: ReturnType<typeof plain> };
export type SlackOptionList = { options: SlackOption[] } | { option_groups: { label: ReturnType<typeof plain>; options: SlackOption[] }[] };

const slackOption = (option: CardOption): SlackOption => ({ value: option.value, text: plain(option.label, SLACK_LIMITS.optionText) });

/**
 * Options as Slack lists them: under their group's heading (`option_groups`) when they have
 * groups, ungrouped ones under `fallbackGroup`. Callers keep to 100 options in all.
 */
export function optionList(options: readonly CardOption[], fallbackGroup: string): SlackOptionList {
  if (!options.some((option) => option.group)) return { options: options.map(slackOption) };
  const groups = new Map<string, SlackOption[]>();
  for (const option of options) {
    const label = option.group ?? fallbackGroup;
    groups.set(label, [...(groups.get(label) ?? []), slackOption(option)]);
  }
  return { option_groups: [...groups].map(([label, grouped]) => ({ label: plain(label, SLACK_LIMITS.optionText), options: grouped })) };
}

/**
 * What an external select offers for what has been typed: options whose label, group or
 * `searchText` contain it (ignoring case), at most Slack's 100. Typing more narrows the list,
 * so nothing is out of reach; an empty query lists the first 100.
 */
export function suggestOptions(options: readonly CardOption[], query: string, fallbackGroup: string, searchText: (option: CardOption) => string = () => ''): SlackOptionList {
  const wanted = query.trim().toLocaleLowerCase();
  const matches = wanted ? options.filter((option) => [option.label, option.group ?? '', searchText(option)].join('\n').toLocaleLowerCase().includes(wanted)) : options;
  return optionList(matches.slice(0, SLACK_LIMITS.options), fallbackGroup);
}

/** A select: static (grouped when the options have groups) up to 100 options, else served by the app as the person types. */
function selectElement(input: CardInput, multi: boolean): Record<string, unknown> {
  const options = input.options ?? [];
  const initial = Array.isArray(input.initial) ? input.initial : input.initial !== undefined ? [input.initial] : [];
  const chosen = options.filter((option) => initial.includes(option.value)).map(slackOption);
  const preset = multi ? (chosen.length ? { initial_options: chosen } : {}) : chosen[0] ? { initial_option: chosen[0] } : {};
  if (options.length > SLACK_LIMITS.options) return { type: multi ? 'multi_external_select' : 'external_select', min_query_length: 0, ...preset };
  return { type: multi ? 'multi_static_select' : 'static_select', ...optionList(options, input.label), ...preset };
}

function inputElement(input: CardInput): Record<string, unknown> {
  const initial = typeof input.initial === 'string' ? input.initial : undefined;
  switch (input.kind) {
    case 'text':
    case 'multiline':
      return {
        type: 'plain_text_input',
        multiline: input.kind === 'multiline',
        ...(input.maxLength ? { max_length: input.maxLength } : {}),
        ...(initial ? { initial_value: initial } : {}),
        ...(input.placeholder ? { placeholder: plain(input.placeholder, 150) } : {}),
      };
    case 'number':
      return { type: 'number_input', is_decimal_allowed: false, ...(input.min !== undefined ? { min_value: String(input.min) } : {}), ...(input.max !== undefined ? { max_value: String(input.max) } : {}), ...(initial ? { initial_value: initial } : {}) };
    case 'date':
      return { type: 'datepicker', ...(initial ? { initial_date: initial } : {}) };
    case 'datetime':
      return { type: 'datetimepicker' };
    case 'select':
      return selectElement(input, false);
    case 'multiselect':
      return selectElement(input, true);
    case 'user':
      return { type: 'users_select' };
    case 'channel':
      return { type: 'conversations_select', filter: { include: ['public', 'private'], exclude_bot_users: true }, default_to_current_conversation: true };
  }
}

/** A choice with nothing to choose from (Slack refuses an empty select): such an input is left out. */
const hasNoChoices = (input: CardInput) => (input.kind === 'select' || input.kind === 'multiselect') && !input.options?.length;

/** Input blocks for a modal: block_id and action_id are the field name. */
export function inputsToBlocks(inputs: readonly CardInput[]): Block[] {
  return inputs.filter((input) => !hasNoChoices(input)).map((input) => ({
    type: 'input',
    block_id: input.id,
    optional: !input.required,
    label: plain(input.label, 2000),
    element: { action_id: input.id, ...inputElement(input) },
  }));
}

export function modalView(callbackId: string, card: Card, submitLabel: string, closeLabel: string, privateMetadata = ''): Record<string, unknown> {
  const { inputs, ...rest } = card;
  return {
    type: 'modal',
    callback_id: callbackId,
    title: plain(card.title ?? '', SLACK_LIMITS.viewTitle),
    submit: plain(submitLabel, SLACK_LIMITS.viewTitle),
    close: plain(closeLabel, SLACK_LIMITS.viewTitle),
    private_metadata: privateMetadata,
    blocks: [...cardToBlocks({ ...rest, title: undefined }), ...inputsToBlocks(inputs ?? [])].slice(0, SLACK_LIMITS.blocksPerView),
  };
}
