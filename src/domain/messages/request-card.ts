// The request card posted in the staff channel, edited as the request changes state.
import { card, type Card, type CardFact } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';
import { nameIn, type RequestView } from './request-view.ts';
import { isUnderWay } from '../request-state.ts';

function when(view: RequestView, tr: Translator): string {
  if (view.endsAt === null) return tr.dateTime(view.startsAt);
  return tr.t('request.period', { start: tr.dateTime(view.startsAt), end: tr.dateTime(view.endsAt) });
}

export function requestFacts(view: RequestView, tr: Translator): CardFact[] {
  const facts: CardFact[] = [
    { label: tr.t('request.facts.type'), value: tr.t(`requestType.${view.type}`) },
    { label: tr.t('request.facts.unit'), value: nameIn(view.unit, tr.locale) },
  ];
  const programme = [view.programme ? nameIn(view.programme, tr.locale) : null, view.course].filter(Boolean).join(' / ');
  if (programme) facts.push({ label: tr.t('request.facts.programme'), value: programme });
  facts.push(
    { label: tr.t('request.facts.when'), value: when(view, tr) },
    { label: tr.t('request.facts.format'), value: tr.t(`format.${view.format}`) },
    { label: tr.t('request.facts.needed'), value: String(view.needed) },
    { label: tr.t('request.facts.replyBy'), value: tr.date(view.replyBy) },
  );
  if (view.expertise.length > 0) facts.push({ label: tr.t('request.facts.expertise'), value: view.expertise.join(', ') });
  facts.push({ label: tr.t('request.facts.owner'), value: view.ownerName });
  return facts;
}

function status(view: RequestView, tr: Translator, now: Date | undefined): string {
  const state = tr.t(`requestState.${view.state}`);
  if (view.state === 'cancelled') return view.cancelReason ? tr.t('request.cancelledBecause', { reason: view.cancelReason }) : state;
  const progress = tr.t('request.progress', { count: view.needed, accepted: view.committed, needed: view.needed });
  if (view.state === 'open' && now !== undefined && view.replyBy <= now) return tr.t('lifecycle.card.deadlinePassed', { progress });
  return `${state} · ${progress}`;
}

/** The channel card. With `now`, an open request whose reply deadline has passed says so. */
export function requestCard(view: RequestView, tr: Translator, now?: Date): Card {
  const cancellable = view.state === 'draft' || view.state === 'open' || view.state === 'filled';
  return card({
    title: view.title,
    text: view.description,
    facts: [...requestFacts(view, tr), { label: tr.t('request.facts.status'), value: status(view, tr, now) }],
    actions: [
      ...(cancellable ? [{ id: 'request_cancel' as const, label: tr.t('request.buttons.cancel'), value: view.id, style: 'danger' as const }] : []),
      // For an engagement that ended early: complete it now, and the feedback forms go out.
      ...(isUnderWay(view.state) && view.committed > 0 ? [{ id: 'request_complete' as const, label: tr.t('forms.markHeldButton'), value: view.id }] : []),
    ],
  });
}
