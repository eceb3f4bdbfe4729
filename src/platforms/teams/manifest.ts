// The Teams app package: manifests/teams/manifest.json with the app id and domain filled in,
// zipped with its two icons, ready to upload to Teams.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import { PROJECT_ROOT } from '../../paths.ts';

export const TEAMS_MANIFEST_DIR = path.join(PROJECT_ROOT, 'manifests/teams');
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i;

export interface TeamsManifest {
  id: string;
  bots: { botId: string; commandLists: { commands: { title: string }[] }[] }[];
  validDomains: string[];
  [key: string]: unknown;
}

/** `privacyUrl`: the published processing record (PRIVACY_URL), shown by Teams as the app's privacy policy. */
export function teamsManifestFor(appId: string, domain: string, privacyUrl?: string): TeamsManifest {
  if (!GUID.test(appId)) throw new Error('--app-id must be the Azure Bot app id (a GUID)');
  if (!DOMAIN.test(domain)) throw new Error('--domain must be a host name such as bot.example.org');
  const text = readFileSync(path.join(TEAMS_MANIFEST_DIR, 'manifest.json'), 'utf8').replaceAll('{{APP_ID}}', appId).replaceAll('{{DOMAIN}}', domain);
  const manifest = JSON.parse(text) as TeamsManifest & { developer: Record<string, string> };
  if (privacyUrl) {
    if (!privacyUrl.startsWith('https://')) throw new Error('--privacy-url (PRIVACY_URL) must be an https URL');
    manifest.developer.privacyUrl = privacyUrl;
  }
  return manifest;
}

export async function teamsPackage(appId: string, domain: string, privacyUrl?: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('manifest.json', JSON.stringify(teamsManifestFor(appId, domain, privacyUrl), null, 2));
  for (const icon of ['color.png', 'outline.png']) zip.file(icon, readFileSync(path.join(TEAMS_MANIFEST_DIR, icon)));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
