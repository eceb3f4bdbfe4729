// What the composition root needs to know about Teams before deciding to load it: where its
// endpoint lives and whether this configuration may run it. Kept apart from app.ts so that a
// configuration without Teams never loads the Bot Framework SDK (botbuilder, ~25 MB).
import type { TeamsConfig } from '../../config.ts';

export const TEAMS_MESSAGES_PATH = '/api/messages';

/** Why Teams cannot run with this configuration, or null when it can. */
export function teamsOffReason(config: TeamsConfig, nodeEnv: string): string | null {
  if (!config.appId && nodeEnv === 'production') return 'MICROSOFT_APP_ID is not set, and Teams never runs unauthenticated in production';
  return null;
}
