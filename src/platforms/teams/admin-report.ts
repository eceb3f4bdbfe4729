// `admin report activity-map|thank-you|requests|invitations|feedback [--from D] [--to D]` in
// Teams, for admins: the CSV (UTF-8 with BOM, `;`) comes as a file in the personal chat through
// the file-consent card (file-upload.ts), the same flow as "my data". The report is made once to
// offer it (name, size, rows) and again, for the same days, when the admin accepts. Files only
// go to a personal chat, so in a channel the admin is told to ask there.
import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import { exportReport } from '../../app/reports/export-report.ts';
import { parseReportArgs } from '../../app/reports/report-args.ts';
import type { Actor } from '../../app/support/actor.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { sizeText } from '../../domain/privacy/privacy-cards.ts';
import type { TeamsDeps } from './context.ts';
import { fileOffer, uploadAccepted, type ConsentContext } from './file-upload.ts';

/** The usage answer, after what was wrong (an unknown report, a bad date), in the admin's language. */
function usage(t: Translator, problem: { key: string; params?: Record<string, string> }): string {
  const lines = problem.key === 'usage' ? [] : [t.t(`digestFiles.report.${problem.key}`, problem.params)];
  return [...lines, t.t('digestFiles.report.usage')].join(' ');
}

/** Offers the report as a file; the caller has checked the actor is an admin (exportReport checks again). */
export async function offerReport(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, words: readonly string[]): Promise<void> {
  if (context.activity.conversation?.conversationType !== 'personal') return void (await context.sendActivity(t.t('digestFiles.report.personal')));
  const args = parseReportArgs(words);
  if (!args.ok) return void (await context.sendActivity(usage(t, args)));
  const report = await exportReport(deps.ctx, actor, args.request, t);
  const size = Buffer.byteLength(report.csv, 'utf8');
  const text = t.t('digestFiles.report.offer', { name: report.filename, rows: report.rows, size: sizeText(size) });
  // The resolved days go in the context, so accepting later (even in a new year) gives the same file.
  const request = { kind: args.request.kind, from: report.from, to: report.to, delimiter: args.request.delimiter };
  await context.sendActivity(fileOffer(text, { name: report.filename, size, description: t.t('digestFiles.report.comment') }, { personId: actor.personId, file: 'report', report: request }));
}

/** The admin accepted: the report is made again now (admins only) and uploaded where Teams said. */
export async function acceptReportFile(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, response: FileConsentCardResponse, offered: Extract<ConsentContext, { file: 'report' }>): Promise<void> {
  const report = await exportReport(deps.ctx, actor, offered.report, t);
  await uploadAccepted(deps, context, response, () => Promise.resolve(Buffer.from(report.csv, 'utf8')), {
    saved: (name) => t.t('digestFiles.report.saved', { name }),
    failed: t.t('privacy.mydata.failed'),
  });
}
