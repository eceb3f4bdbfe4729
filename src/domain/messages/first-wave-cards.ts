// To a request's owner when its first wave (invitations, or the shortlist) could not go out
// behind the form's answer and was given up: said plainly, with the button to cancel it.
import { card, type Card } from '../cards.ts';
import type { Translator } from '../i18n/translator.ts';

export function firstWaveFailedCard(request: { id: string; title: string; draft: boolean }, tr: Translator): Card {
  return card({
    title: tr.t(request.draft ? 'firstWave.failedShortlistTitle' : 'firstWave.failedTitle', { title: request.title }),
    text: tr.t(request.draft ? 'firstWave.failedShortlistText' : 'firstWave.failedText'),
    actions: [{ id: 'request_cancel', label: tr.t('request.buttons.cancel'), value: request.id, style: 'danger' }],
  });
}
