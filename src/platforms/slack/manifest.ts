// The Slack app manifest in manifests/slack, with request URLs pointed at a given host.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { PROJECT_ROOT } from '../../paths.ts';
import { SLACK_EVENTS_PATH } from './app.ts';

export const SLACK_MANIFEST_PATH = path.join(PROJECT_ROOT, 'manifests/slack/manifest.yaml');
const PLACEHOLDER = 'https://example.invalid';

export interface SlackManifest {
  features: {
    shortcuts?: { callback_id: string }[];
    slash_commands?: { command: string; url?: string }[];
  };
  settings: { event_subscriptions?: { request_url?: string; bot_events?: string[] }; interactivity?: { request_url?: string; message_menu_options_url?: string } };
  [key: string]: unknown;
}

export function readSlackManifest(): SlackManifest {
  return parse(readFileSync(SLACK_MANIFEST_PATH, 'utf8')) as SlackManifest;
}

/** The manifest as YAML with every request URL on `baseUrl` (https only). */
export function slackManifestFor(baseUrl: string): string {
  const url = new URL(baseUrl);
  if (url.protocol !== 'https:') throw new Error('Slack needs an https:// URL');
  const base = `${url.origin}${url.pathname.replace(/\/$/, '')}`;
  const text = readFileSync(SLACK_MANIFEST_PATH, 'utf8').replaceAll(`${PLACEHOLDER}${SLACK_EVENTS_PATH}`, `${base}${SLACK_EVENTS_PATH}`);
  return stringify(parse(text));
}
