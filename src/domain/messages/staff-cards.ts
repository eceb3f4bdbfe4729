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

export type ThreadEvent =
  | { kind: 'invited'; count: number }
  | { kind: 'accepted'; name: string }
  | { kind: 'declined' }
  | { kind: 'expired'; count: number }
  | { kind: 'filled' }
  | { kind: 'cancelled'; reason: string | null }
  | { kind: 'confirmed'; name: string }
  | { kind: 'no_more_candidates' };

function threadText(event: ThreadEvent, view: RequestView, tr: Translator): string {
  const progress = { accepted: view.committed, needed: view.needed };
  switch (event.kind) {
    case 'invited':
      return tr.t('thread.invited', { count: event.count });
    case 'accepted':
      return tr.t('thread.accepted', { name: event.name, ...progress });
    case 'declined':
      return tr.t('thread.declined');
    case 'expired':
      return tr.t('thread.expired', { count: event.count });
    case 'filled':
      return tr.t('thread.filled');
    case 'cancelled':
      return event.reason ? tr.t('thread.cancelled', { reason: event.reason }) : tr.t('thread.cancelledNoReason');
    case 'confirmed':
      return tr.t('thread.confirmed', { owner: view.ownerName, name: event.name });
    case 'no_more_candidates':
      return tr.t('thread.noMoreCandidates', progress);
  }
}

export function threadCard(event: ThreadEvent, view: RequestView, tr: Translator): Card {
  return textCard(threadText(event, view, tr));
}
