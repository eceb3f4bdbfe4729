// The privacy commands are declared where people find them: the Slack command's usage hint,
// and the Teams bot's commands, whose manifest also declares that the bot sends files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { PRIVACY_SUBCOMMANDS } from '../../../src/platforms/slack/listeners/privacy.ts';
import { teamsManifestFor } from '../../../src/platforms/teams/manifest.ts';
import { PRIVACY_WORDS, parsePrivacyCommand } from '../../../src/platforms/teams/privacy.ts';

const root = path.join(__dirname, '..', '..', '..');

describe('privacy commands in the manifests', () => {
  it('Slack: the usage hint names mydata, erase and link', () => {
    const manifest = parse(readFileSync(path.join(root, 'manifests/slack/manifest.yaml'), 'utf8')) as { features: { slash_commands: { usage_hint: string }[] } };
    for (const sub of PRIVACY_SUBCOMMANDS) expect(manifest.features.slash_commands[0]!.usage_hint).toContain(sub);
  });

  it('Teams: the personal commands include mydata, erase and link, and the bot declares supportsFiles', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'manifests/teams/manifest.json'), 'utf8')) as { bots: { supportsFiles: boolean; commandLists: { scopes: string[]; commands: { title: string }[] }[] }[] };
    const bot = manifest.bots[0]!;
    expect(bot.supportsFiles).toBe(true);
    const personal = bot.commandLists.find((list) => list.scopes.includes('personal'))!.commands.map((command) => command.title);
    for (const word of ['mydata', 'erase', 'link']) expect(personal).toContain(word);
  });

  it('Teams: the package names the processing record as the privacy policy when PRIVACY_URL is given', () => {
    const appId = '00000000-0000-0000-0000-000000000001';
    expect((teamsManifestFor(appId, 'bot.uni.example', 'https://uni.example/personvern') as unknown as { developer: { privacyUrl: string } }).developer.privacyUrl).toBe('https://uni.example/personvern');
    expect((teamsManifestFor(appId, 'bot.uni.example') as unknown as { developer: { privacyUrl: string } }).developer.privacyUrl).toBe('https://bot.uni.example/privacy');
    expect(() => teamsManifestFor(appId, 'bot.uni.example', 'http://insecure.example')).toThrow('https');
  });

  it('Teams: reads the commands in English and Norwegian, and a typed code only where no command matched', () => {
    expect(PRIVACY_WORDS['mine data']).toBe('mydata');
    expect(PRIVACY_WORDS['slett meg']).toBe('erase');
    expect(parsePrivacyCommand('<at>Alumni Bridge</at> Mine data')).toEqual({ kind: 'mydata' });
    expect(parsePrivacyCommand('link')).toEqual({ kind: 'link', code: null });
    expect(parsePrivacyCommand('koble ABCD-EFGH')).toEqual({ kind: 'link', code: 'abcd-efgh' });
    expect(parsePrivacyCommand('ABCD-EFGH')).toBeNull();
    expect(parsePrivacyCommand('ABCD-EFGH', true)).toEqual({ kind: 'link', code: 'abcd-efgh' });
    expect(parsePrivacyCommand('admin audit 5')).toEqual({ kind: 'audit', count: '5', extra: false });
  });
});
