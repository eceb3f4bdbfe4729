// The one reminder before the next person is asked: a short direct message that points to the
// invitation (whose buttons stay the place to answer) and says until when it waits. It has no
// buttons of its own, so nothing on it can go stale.
import { card, type Card } from './cards.ts';
import type { Translator } from './i18n/translator.ts';
import type { RequestView } from './messages/request-view.ts';

export function reminderCard(view: RequestView, answerBy: Date, tr: Translator): Card {
  return card({
    title: tr.t('matching.reminder.title', { title: view.title }),
    text: tr.t('matching.reminder.text', { owner: view.ownerName, date: tr.dateTime(answerBy) }),
  });
}
