// The answers to the bot's file-consent cards (Accept or Decline), routed by the file the card
// offered ("my data" or an admin report, see file-upload.ts). Only the person a file was offered
// to can accept it; a report is made again for them (admins only) when they do.
import type { FileConsentCardResponse, TurnContext } from 'botbuilder';
import type { Actor } from '../../app/support/actor.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { acceptReportFile } from './admin-report.ts';
import type { TeamsDeps } from './context.ts';
import { readConsentContext } from './file-upload.ts';
import { acceptMyDataFile, declineMyDataFile } from './privacy.ts';

export async function acceptOfferedFile(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, response: FileConsentCardResponse): Promise<void> {
  const offered = readConsentContext(response);
  if (offered?.personId !== actor.personId) {
    return void (await context.sendActivity(t.t(offered?.file === 'report' ? 'digestFiles.report.notYours' : 'privacy.erase.notYours')));
  }
  if (offered.file === 'report') return acceptReportFile(deps, context, actor, t, response, offered);
  return acceptMyDataFile(deps, context, actor, t, response);
}

export async function declineOfferedFile(context: TurnContext, t: Translator, response: FileConsentCardResponse): Promise<void> {
  if (readConsentContext(response)?.file === 'report') return void (await context.sendActivity(t.t('digestFiles.report.declined')));
  return declineMyDataFile(context, t);
}
