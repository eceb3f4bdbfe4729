// An admin sees this week's digest now, only for themselves, in their own language: the seven
// days up to now, for the faculty or one unit. Nothing is posted or recorded.
import { digestCard, digestChartCard } from '../../domain/digest/digest-card.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Card } from '../../domain/cards.ts';
import { createTranslator } from '../../domain/i18n/translator.ts';
import { isoWeekOf } from '../../domain/time.ts';
import type { AppContext } from '../../ports.ts';
import { requireRole, type Actor } from '../support/actor.ts';
import { buildDigest, weekAggregates } from './build-digest.ts';

export async function previewDigest(ctx: AppContext, actor: Actor, unitCode?: string | null): Promise<{ card: Card; chart: Card | null }> {
  requireRole(actor, 'admin');
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const code = unitCode?.trim().toUpperCase();
    const unit = code ? await repos.catalog.findUnitByCode(code) : null;
    if (code && !unit) throw new DomainError('not_found', 'unknown unit', { params: { code, reason: 'unit' } });
    const week = await weekAggregates(repos, now, isoWeekOf(now, ctx.settings.timeZone), ctx.settings.timeZone);
    const data = await buildDigest(repos, week, unit);
    const tr = createTranslator(actor.locale, ctx.settings.timeZone);
    return { card: digestCard(data, tr, { alumniReadable: false }), chart: digestChartCard(data, tr) };
  });
}
