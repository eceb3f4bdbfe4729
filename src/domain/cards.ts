// The neutral message model. The core describes every message as a Card; the Slack adapter
// renders it as Block Kit and the Teams adapter as an Adaptive Card. Texts are already in the
// reader's language. Builders clip to limits both platforms accept, so a card is always sendable.

export const ACTION_IDS = [
  'invitation_accept',
  'invitation_decline',
  'invitation_more',
  'invitation_withdraw',
  'request_confirm',
  'request_extend',
  'request_lower',
  'request_cancel',
  'request_open',
  'profile_edit',
  'admin_grant_staff',
  'admin_revoke_staff',
  'admin_add_unit',
  'admin_add_programme',
  'digest_help',
  'request_complete',
  'form_answer_1',
  'form_answer_2',
  'form_answer_3',
  'form_answer_4',
  'form_answer_5',
  'form_skip',
  'form_submit',
  'erase_confirm',
  'erase_cancel',
  'consent_renew',
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export function isActionId(value: unknown): value is ActionId {
  return typeof value === 'string' && (ACTION_IDS as readonly string[]).includes(value);
}

export const CARD_LIMITS = {
  title: 150,
  text: 3000,
  facts: 10,
  factLabel: 50,
  factValue: 500,
  /** Teams shows at most six (a rating's five answers and Skip). */
  actions: 6,
  actionLabel: 75,
  actionValue: 2000,
  inputs: 20,
  sections: 8,
} as const;

export interface CardFact {
  label: string;
  value: string;
}

export interface CardAction {
  id: ActionId;
  label: string;
  /** The entity id the action is about. */
  value: string;
  style?: 'primary' | 'danger';
}

export interface CardOption {
  value: string;
  label: string;
  /** Options with a group are shown under that heading (e.g. programmes by unit). */
  group?: string;
}

export interface CardInput {
  /** The field name; adapters use it as the input id so submissions map back. */
  id: string;
  label: string;
  /** `user`: a person in the workspace (Slack: a user picker; Teams: their e-mail address). */
  kind: 'text' | 'multiline' | 'number' | 'date' | 'datetime' | 'select' | 'multiselect' | 'channel' | 'user';
  required: boolean;
  maxLength?: number;
  min?: number;
  max?: number;
  options?: CardOption[];
  initial?: string | string[];
  placeholder?: string;
}

export interface Card {
  title?: string;
  text?: string;
  facts?: CardFact[];
  actions?: CardAction[];
  inputs?: CardInput[];
  /** Small print under the card. */
  context?: string;
  /** A chart drawn by the platform (Slack: an uploaded PNG; Teams: an image in the card). */
  chart?: CardChart;
  /** Headed lists under the text (a digest's "still needs people", "coming up", …). */
  sections?: CardSection[];
}

export interface CardSection {
  heading: string;
  lines: string[];
}

/** Bars per label, one colour per series; `alt` describes the chart in words. */
export interface CardChart {
  title: string;
  alt: string;
  labels: string[];
  series: { name: string; values: number[] }[];
}

/** Whole lines while they fit in `max` characters (joined by newlines), and "…" if some were left out. */
function clipLines(lines: readonly string[], max: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const line of lines) {
    const clipped = clip(line, CARD_LIMITS.factValue);
    if (used + clipped.length + 1 > max - 2) return [...out, '…'];
    out.push(clipped);
    used += clipped.length + 1;
  }
  return out;
}

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Builds a card, clipping every text to the limits. */
export function card(parts: Card): Card {
  const out: Card = {};
  if (parts.title !== undefined) out.title = clip(parts.title, CARD_LIMITS.title);
  if (parts.text !== undefined) out.text = clip(parts.text, CARD_LIMITS.text);
  if (parts.facts?.length) {
    out.facts = parts.facts.slice(0, CARD_LIMITS.facts).map((fact) => ({ label: clip(fact.label, CARD_LIMITS.factLabel), value: clip(fact.value, CARD_LIMITS.factValue) }));
  }
  if (parts.actions?.length) {
    out.actions = parts.actions.slice(0, CARD_LIMITS.actions).map((action) => ({ ...action, label: clip(action.label, CARD_LIMITS.actionLabel) }));
  }
  if (parts.inputs?.length) out.inputs = parts.inputs.slice(0, CARD_LIMITS.inputs);
  if (parts.context !== undefined) out.context = clip(parts.context, CARD_LIMITS.text);
  if (parts.chart) out.chart = parts.chart;
  if (parts.sections?.length) {
    out.sections = parts.sections.slice(0, CARD_LIMITS.sections).map((section) => ({ heading: clip(section.heading, CARD_LIMITS.factLabel), lines: clipLines(section.lines, CARD_LIMITS.text - 100) }));
  }
  return out;
}

/** A card that is only a line of text (thread updates, confirmations). */
export function textCard(text: string): Card {
  return card({ text });
}
