// The profile in Teams: a card to view it (with an Edit button) and a card form to edit it.
// Problems come back on the form, next to what was typed.
import type { TurnContext } from 'botbuilder';
import { showProfile } from '../../app/show-profile.ts';
import { updateProfile } from '../../app/update-profile.ts';
import type { Actor } from '../../app/support/actor.ts';
import { card } from '../../domain/cards.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { profileCard, profileFormInputs } from '../../domain/messages/profile-cards.ts';
import { splitTagText } from '../../domain/tags.ts';
import { endOfLocalDay } from '../../domain/time.ts';
import { cardActivity } from './adaptive-cards.ts';
import type { TeamsDeps } from './context.ts';
import { problemsOf, replaceForm } from './forms.ts';

export const EDIT_PROFILE_FORM = 'edit_profile';

export async function sendProfile(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator): Promise<void> {
  await context.sendActivity(cardActivity(profileCard(await showProfile(deps.ctx, actor), t, deps.ctx.clock.now())));
}

async function formActivity(deps: TeamsDeps, actor: Actor, t: Translator, problems: string[] = []) {
  const inputs = profileFormInputs(await showProfile(deps.ctx, actor), t);
  const text = problems.length ? t.t('form.request.problems', { problems: problems.join(' · ') }) : undefined;
  return cardActivity(card({ title: t.t('profileForm.title'), text, inputs }), { form: EDIT_PROFILE_FORM, label: t.t('profileForm.save'), requiredText: t.t('validation.required') });
}

export async function sendProfileForm(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator): Promise<void> {
  await context.sendActivity(await formActivity(deps, actor, t));
}

export async function submitProfileForm(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, values: Record<string, unknown>): Promise<void> {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '');
  const list = (name: string) => text(name).split(',').map((item) => item.trim()).filter(Boolean);
  try {
    await updateProfile(deps.ctx, actor, {
      expertise: splitTagText(text('expertise')),
      employer: text('employer'),
      sector: text('sector'),
      languages: list('languages'),
      engagementTypes: list('engagementTypes'),
      formats: list('formats'),
      maxAsksPerTerm: text('maxAsksPerTerm'),
      pausedUntil: text('pausedUntil') ? endOfLocalDay(text('pausedUntil'), deps.ctx.settings.timeZone) : null,
      locale: text('locale') || null,
      preferredPlatform: text('preferredPlatform') || null,
      thanksByName: text('thanksByName') || undefined,
    });
    await replaceForm(context, cardActivity(profileCard(await showProfile(deps.ctx, actor), t, deps.ctx.clock.now())));
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'validation')) throw error;
    const labels = new Map(profileFormInputs(await showProfile(deps.ctx, actor), t).map((input) => [input.id, input.label]));
    await replaceForm(context, await formActivity(deps, actor, t, problemsOf(error, labels, t)));
  }
}
