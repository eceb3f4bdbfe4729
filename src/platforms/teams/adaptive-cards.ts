// Renders the core's neutral cards as Adaptive Cards (schema 1.5, as Teams desktop, web and
// mobile render them). Buttons are Action.Submit with { action, value }, so a press arrives as
// a message activity whose `value` names the core's action id and the entity id.
import type { Card, CardInput } from '../../domain/cards.ts';
import { renderChartPng } from '../chart-png.ts';

export type AdaptiveElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: AdaptiveElement[];
  actions?: AdaptiveElement[];
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** Teams refuses messages over about 28 KB and shows at most six actions on a card. */
export const TEAMS_LIMITS = { payloadBytes: 28_000, actions: 6 } as const;

/** From this many choices on, a single choice set lets people type to search (`filtered`, Teams with schema 1.5). */
export const FILTERED_FROM = 16;

/**
 * Adaptive Cards have no option groups: a grouped option's title starts with its group
 * ("Department of Economics – MSc Economics"), in the core's order. Every option is kept.
 */
function choiceSet(field: CardInput, base: AdaptiveElement, initial: string | undefined): AdaptiveElement {
  const options = field.options ?? [];
  const multi = field.kind === 'multiselect';
  return {
    ...base,
    type: 'Input.ChoiceSet',
    isMultiSelect: multi,
    style: !multi && options.length >= FILTERED_FROM ? 'filtered' : 'compact',
    value: initial,
    choices: options.map((option) => ({ title: option.group ? `${option.group} – ${option.label}` : option.label, value: option.value })),
  };
}

function input(field: CardInput, requiredText: string | undefined): AdaptiveElement {
  const base = { id: field.id, label: field.label, isRequired: field.required, errorMessage: field.required ? requiredText : undefined };
  const initial = Array.isArray(field.initial) ? field.initial.join(',') : field.initial;
  switch (field.kind) {
    case 'text':
    case 'multiline':
      return { ...base, type: 'Input.Text', isMultiline: field.kind === 'multiline', maxLength: field.maxLength, value: initial, placeholder: field.placeholder };
    case 'user':
      return { ...base, type: 'Input.Text', style: 'Email', value: initial, placeholder: field.placeholder };
    case 'number':
      return { ...base, type: 'Input.Number', min: field.min, max: field.max, value: initial === undefined ? undefined : Number(initial) };
    case 'date':
    case 'datetime':
      return { ...base, type: 'Input.Date', value: initial };
    case 'select':
    case 'multiselect':
    case 'channel':
      return choiceSet(field, base, initial);
  }
}

function withoutUndefined(element: AdaptiveElement): AdaptiveElement {
  return Object.fromEntries(Object.entries(element).filter(([, value]) => value !== undefined));
}

/** Budget for the chart image (a PNG data URI) inside Teams' message size limit. */
export const CHART_URI_BUDGET = 21_000;

/** Headed lists, then the chart as an image with its description (left out, description kept, if too big). */
function sectionsAndChart(card: Card): AdaptiveElement[] {
  const out: AdaptiveElement[] = [];
  for (const section of card.sections ?? []) {
    out.push({ type: 'TextBlock', text: section.heading, weight: 'Bolder', wrap: true, spacing: 'Medium' });
    out.push(...section.lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'None' })));
  }
  if (!card.chart) return out;
  const uri = `data:image/png;base64,${renderChartPng(card.chart).toString('base64')}`;
  if (uri.length <= CHART_URI_BUDGET) out.push({ type: 'Image', url: uri, altText: card.chart.alt, size: 'Stretch' });
  else out.push({ type: 'TextBlock', text: card.chart.alt, wrap: true, isSubtle: true });
  return out;
}

/** A form's submit button: its data names the form, and Teams adds the inputs' values. */
export interface FormSubmit {
  form: string;
  label: string;
  /** Shown by Teams next to a required input left empty, in the reader's language. */
  requiredText: string;
}

export function toAdaptiveCard(card: Card, submit?: FormSubmit): AdaptiveCard {
  const body: AdaptiveElement[] = [];
  if (card.title) body.push({ type: 'TextBlock', text: card.title, size: 'Large', weight: 'Bolder', wrap: true });
  if (card.text) body.push({ type: 'TextBlock', text: card.text, wrap: true });
  if (card.facts?.length) body.push({ type: 'FactSet', facts: card.facts.map((fact) => ({ title: fact.label, value: fact.value })) });
  body.push(...sectionsAndChart(card));
  for (const field of card.inputs ?? []) {
    const choices = field.kind === 'select' || field.kind === 'multiselect' || field.kind === 'channel';
    if (choices && !field.options?.length) continue; // nothing to choose from: leave the field out
    body.push(withoutUndefined(input(field, submit?.requiredText)));
    // Adaptive Cards have no date-and-time input: a time input follows the date (id + "_time").
    if (field.kind === 'datetime') body.push({ type: 'Input.Time', id: `${field.id}_time`, label: '', value: '09:00' });
  }
  if (card.context) body.push({ type: 'TextBlock', text: card.context, size: 'Small', isSubtle: true, wrap: true });
  const actions: AdaptiveElement[] = (card.actions ?? []).slice(0, TEAMS_LIMITS.actions).map((action) => ({
    type: 'Action.Submit',
    title: action.label,
    data: { action: action.id, value: action.value },
    ...(action.style === 'primary' ? { style: 'positive' } : action.style === 'danger' ? { style: 'destructive' } : {}),
  }));
  if (submit) actions.push({ type: 'Action.Submit', title: submit.label, data: { action: submit.form, value: '' }, style: 'positive' });
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, ...(actions.length ? { actions } : {}) };
}

/** The message activity that carries a card (with plain text for notifications). */
export function cardActivity(card: Card, submit?: FormSubmit): { type: 'message'; attachments: { contentType: string; content: AdaptiveCard }[] } {
  return { type: 'message', attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: toAdaptiveCard(card, submit) }] };
}
