// Files in the Teams personal chat, through the file-consent card (Teams has no "upload to a
// chat" call for bots): the bot offers a named file with its size and a context that says which
// file it is and for whom; the person accepts; Teams answers with an upload URL in their
// OneDrive; the bot makes the file again, PUTs it there and answers with a file card. Used for
// "my data" (privacy.ts) and admin reports (admin-report.ts); file-consent.ts routes the answers.
import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import { z } from 'zod';
import { REPORT_KINDS, type ReportKind } from '../../ports.ts';
import type { TeamsDeps } from './context.ts';

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** What an offered file is and for whom; Teams gives it back on accept and decline. A context without `file` is "my data" (cards offered before reports existed). */
const consentContext = z.union([
  z.object({ personId: z.string().max(100), file: z.literal('report'), report: z.object({ kind: z.enum(REPORT_KINDS as [ReportKind, ...ReportKind[]]), from: day, to: day, delimiter: z.enum([';', ',']) }) }),
  z.object({ personId: z.string().max(100), file: z.literal('mydata').optional() }).transform((value) => ({ ...value, file: 'mydata' as const })),
]);

export type ConsentContext = z.output<typeof consentContext>;

/** The context of a file-consent answer, or null when it is not one of ours. */
export function readConsentContext(response: FileConsentCardResponse | undefined): ConsentContext | null {
  const parsed = consentContext.safeParse(response?.context);
  return parsed.success ? parsed.data : null;
}

/** The message that offers a file: the text, and the consent card Teams shows with Accept and Decline. */
export function fileOffer(text: string, file: { name: string; size: number; description: string }, context: z.input<typeof consentContext>): Partial<TurnContext['activity']> {
  return {
    text,
    attachments: [{ contentType: FILE_CONSENT_CONTENT_TYPE, name: file.name, content: { description: file.description, sizeInBytes: file.size, acceptContext: context, declineContext: context } }],
  };
}

/** Only OneDrive's https upload URLs, or loopback ones while Teams runs unauthenticated for development. */
function uploadTarget(url: unknown): URL | null {
  try {
    const parsed = new URL(String(url));
    if (parsed.protocol === 'https:') return parsed;
    return parsed.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname) ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * Uploads the bytes where the accepted consent says, then answers with the file card and
 * `saved(name)`; on a missing or foreign upload URL, or a refused upload, answers `failed`.
 */
export async function uploadAccepted(deps: TeamsDeps, context: TurnContext, response: FileConsentCardResponse, bytes: () => Promise<Buffer>, texts: { saved: (name: string) => string; failed: string }): Promise<void> {
  const info = response.uploadInfo;
  const target = uploadTarget(info?.uploadUrl);
  if (!info || !target) return void (await context.sendActivity(texts.failed));
  const body = await bytes();
  const uploaded = await fetch(target, { method: 'PUT', headers: { 'content-range': `bytes 0-${body.length - 1}/${body.length}` }, body, signal: AbortSignal.timeout(30_000) });
  if (!uploaded.ok) {
    deps.logger.warn({ status: uploaded.status }, 'a Teams file upload failed');
    return void (await context.sendActivity(texts.failed));
  }
  await context.sendActivity({
    text: texts.saved(info.name ?? ''),
    attachments: [{ contentType: FILE_INFO_CONTENT_TYPE, contentUrl: info.contentUrl, name: info.name, content: { uniqueId: info.uniqueId, fileType: info.fileType } }],
  });
}
