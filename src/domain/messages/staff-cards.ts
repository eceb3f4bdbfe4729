// Messages for the request's owner and the request's thread.
import { card, textCard, type Card } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';
import type { MatchReason } from '../matching.ts';
import { describeReasons } from './reasons.ts';
import type { RequestView } from './request-view.ts';

export interface ShortlistEntry {
  name: string;
  reasons: MatchReason[];
}

export function shortlistCard(view: RequestView, entries: readonly ShortlistEntry[], tr: Translator): Card {
  const lines = entries.map((entry, index) =>
    tr.t('shortlist.entry', { position: index + 1, name: entry.name, reasons: describeReasons(entry.reasons, tr, { includeFairness: true }) }),
  );
  return card({
    title: tr.t('shortlist.title', { title: view.title }),
    text: entries.length === 0 ? tr.t('shortlist.empty') : [tr.t('shortlist.intro', { count: entries.length }), ...lines].join('\n'),
    actions: [
      { id: 'request_open', label: tr.t('request.buttons.open'), value: view.id, style: 'primary' },
      { id: 'request_cancel', label: tr.t('request.buttons.cancel'), value: view.id, style: 'danger' },
    ],
  });
}

/** Tells the owner someone said yes, with a button to confirm them. */
export function acceptedNoticeCard(invitationId: string, alumnusName: string, view: RequestView, tr: Translator): Card {
  return card({
    title: tr.t('owner.accepted', { name: alumnusName, title: view.title }),
    text: tr.t('owner.acceptedText'),
    actions: [{ id: 'request_confirm', label: tr.t('owner.buttons.confirm', { name: alumnusName }), value: invitationId, style: 'primary' }],
  });
}

/**
 * What happened after a decline or an expiry: the next people were asked, nobody else matches
 * but others are still out, nobody is left, or the deadline has passed. Only "asking" promises
 * that someone is asked.
 */
export type NextStep = { kind: 'asking' } | { kind: 'waiting'; pending: number } | { kind: 'nobody' } | { kind: 'deadline' };

export type ThreadEvent =
  | { kind: 'invited'; count: number }
  | { kind: 'accepted'; name: string }
  | { kind: 'declined'; next?: NextStep }
  | { kind: 'expired'; count: number; next?: NextStep }
  | { kind: 'filled' }
  | { kind: 'cancelled'; reason: string | null }
  | { kind: 'confirmed'; name: string }
  | { kind: 'no_more_candidates' }
  | { kind: 'deadline_passed' }
  | { kind: 'extended'; until: Date }
  | { kind: 'lowered'; count: number }
  | { kind: 'withdrew'; name: string };

function nextText(next: NextStep, tr: Translator): string {
  if (next.kind === 'waiting') return ` ${tr.t('lifecycle.thread.waiting', { count: next.pending })}`;
  if (next.kind === 'deadline') return ` ${tr.t('lifecycle.thread.deadline')}`;
  return '';
}

function answeredText(event: Extract<ThreadEvent, { kind: 'declined' | 'expired' }>, tr: Translator): string {
  const next = event.next ?? { kind: 'asking' };
  if (event.kind === 'declined') return next.kind === 'asking' ? tr.t('thread.declined') : tr.t('lifecycle.thread.declined') + nextText(next, tr);
  return next.kind === 'asking' ? tr.t('thread.expired', { count: event.count }) : tr.t('lifecycle.thread.expired', { count: event.count }) + nextText(next, tr);
}

function lifecycleText(event: Extract<ThreadEvent, { kind: 'deadline_passed' | 'extended' | 'lowered' | 'withdrew' }>, view: RequestView, tr: Translator): string {
  const progress = { accepted: view.committed, needed: view.needed };
  switch (event.kind) {
    case 'deadline_passed':
      return tr.t('lifecycle.thread.deadlinePassed', { ...progress, owner: view.ownerName });
    case 'extended':
      return tr.t('lifecycle.thread.extended', { owner: view.ownerName, date: tr.date(event.until) });
    case 'lowered':
      return tr.t('lifecycle.thread.lowered', { owner: view.ownerName, count: event.count });
    case 'withdrew':
      return tr.t('lifecycle.thread.withdrew', { name: event.name, ...progress });
  }
}

function threadText(event: ThreadEvent, view: RequestView, tr: Translator): string {
  const progress = { accepted: view.committed, needed: view.needed };
  switch (event.kind) {
    case 'invited':
      return tr.t('thread.invited', { count: event.count });
    case 'accepted':
      return tr.t('thread.accepted', { name: event.name, ...progress });
    case 'declined':
    case 'expired':
      return answeredText(event, tr);
    case 'filled':
      return tr.t('thread.filled');
    case 'cancelled':
      return event.reason ? tr.t('thread.cancelled', { reason: event.reason }) : tr.t('thread.cancelledNoReason');
    case 'confirmed':
      return tr.t('thread.confirmed', { owner: view.ownerName, name: event.name });
    case 'no_more_candidates':
      return tr.t('thread.noMoreCandidates', progress);
    default:
      return lifecycleText(event, view, tr);
  }
}

export function threadCard(event: ThreadEvent, view: RequestView, tr: Translator): Card {
  return textCard(threadText(event, view, tr));
}
