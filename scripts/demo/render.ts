// What a person sees, in plain lines: Slack Block Kit and Teams Adaptive Cards as text, with
// the buttons in [brackets] and the form fields as "▸ label". For the demo's transcript only.

type Json = Record<string, unknown>;

const asList = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const textOf = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'object' && value !== null ? String((value as Json).text ?? '') : '');
const clean = (text: string): string => text.replace(/<([^|>]+)\|([^>]+)>/g, '$2').replace(/<@(\w+)>/g, '@$1').trim();

function slackBlock(block: Json): string[] {
  switch (block.type) {
    case 'header':
      return [`** ${clean(textOf(block.text))} **`];
    case 'section':
      return [clean(textOf(block.text)), ...asList(block.fields).map((field) => clean(textOf(field)))].filter(Boolean);
    case 'context':
      return asList(block.elements).map((element) => clean(textOf(element))).filter(Boolean);
    case 'actions':
      return [asList(block.elements).map((element) => `[${clean(textOf(element.text)) || String(element.type)}]`).join(' ')];
    case 'input':
      return [`▸ ${clean(textOf(block.label))}`];
    case 'image':
      return [`(image: ${String(block.alt_text ?? '')})`];
    default:
      return [];
  }
}

/** A Slack message or view as lines. */
export function slackLines(body: Json): string[] {
  const blocks = asList(body.blocks);
  const title = body.title ? [`** ${clean(textOf(body.title))} **`] : [];
  const lines = blocks.length > 0 ? blocks.flatMap(slackBlock) : [clean(String(body.text ?? ''))];
  const submit = body.submit ? [`[${clean(textOf(body.submit))}]`] : [];
  return [...title, ...lines, ...submit].flatMap((line) => line.split('\n')).filter((line) => line.trim() !== '');
}

function cardElement(element: Json): string[] {
  const type = String(element.type ?? '');
  if (type === 'TextBlock' || type === 'RichTextBlock') return [clean(String(element.text ?? asList(element.inlines).map((inline) => String(inline.text ?? '')).join('')))];
  if (type === 'FactSet') return asList(element.facts).map((fact) => `${String(fact.title)}: ${String(fact.value)}`);
  if (type.startsWith('Input.')) return [`▸ ${String(element.label ?? element.placeholder ?? element.id ?? '')}`];
  if (type === 'ActionSet') return [actionLine(element.actions)];
  if (type === 'Image') return [`(image: ${String(element.altText ?? '')})`];
  return [...asList(element.items), ...asList(element.columns)].flatMap(cardElement);
}

const actionLine = (actions: unknown): string => asList(actions).map((action) => `[${String(action.title ?? '')}]`).join(' ');

/** A Bot Framework activity (text, or Adaptive Card attachments) as lines. */
export function teamsLines(activity: Json): string[] {
  const lines: string[] = activity.text ? [clean(String(activity.text))] : [];
  for (const attachment of asList(activity.attachments)) {
    const card = attachment.content as Json | undefined;
    if (!card) continue;
    lines.push(...asList(card.body).flatMap(cardElement));
    const actions = actionLine(card.actions);
    if (actions) lines.push(actions);
  }
  return lines.flatMap((line) => line.split('\n')).filter((line) => line.trim() !== '');
}
