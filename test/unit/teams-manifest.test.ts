// The Teams app package validates offline against Microsoft's schema, its icons have the sizes
// Teams requires, and every command in it has a handler, and the reverse.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { TEAMS_COMMANDS } from '../../src/platforms/teams/bot.ts';
import { TEAMS_MANIFEST_DIR, teamsManifestFor, teamsPackage } from '../../src/platforms/teams/manifest.ts';

const APP_ID = '00000000-0000-0000-0000-000000000001';

function pngSize(file: string): [number, number] {
  const data = readFileSync(path.join(TEAMS_MANIFEST_DIR, file));
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe('Teams app manifest', () => {
  const manifest = teamsManifestFor(APP_ID, 'bot.uni.example');

  it("validates against Microsoft's Teams manifest schema, offline", async () => {
    expect(await AppManifestUtils.validateAgainstSchema(manifest as never)).toEqual([]);
  });

  it('would catch an invalid manifest', async () => {
    expect((await AppManifestUtils.validateAgainstSchema({ ...manifest, accentColor: 'blue', name: { short: '' } } as never)).length).toBeGreaterThan(0);
  });

  it('uses schema 1.17 or later', () => {
    expect(Number(String(manifest.manifestVersion).split('.')[1])).toBeGreaterThanOrEqual(17);
  });

  it('declares exactly the commands the bot handles', () => {
    const titles = manifest.bots[0]!.commandLists.flatMap((list) => list.commands.map((command) => command.title));
    for (const title of titles) expect(TEAMS_COMMANDS[title]).toBeDefined();
    expect(new Set(titles.map((title) => TEAMS_COMMANDS[title]))).toEqual(new Set(Object.values(TEAMS_COMMANDS)));
  });

  it('offers the admin command in personal chat and in channels', () => {
    for (const scope of ['personal', 'team']) {
      const list = manifest.bots[0]!.commandLists.find((candidate) => (candidate as { scopes?: string[] }).scopes?.includes(scope));
      expect(list?.commands.map((command) => command.title)).toContain('admin');
    }
  });

  it('ships a 192×192 colour icon and a 32×32 outline icon', () => {
    expect(pngSize('color.png')).toEqual([192, 192]);
    expect(pngSize('outline.png')).toEqual([32, 32]);
  });

  it('packages the filled-in manifest with both icons', async () => {
    const zip = await JSZip.loadAsync(await teamsPackage(APP_ID, 'bot.uni.example'));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packed = JSON.parse(await zip.file('manifest.json')!.async('string')) as { id: string; validDomains: string[] };
    expect(packed).toMatchObject({ id: APP_ID, validDomains: ['bot.uni.example'] });
  });

  it('refuses an app id that is not a GUID and a domain that is not a host name', () => {
    expect(() => teamsManifestFor('my-app', 'bot.uni.example')).toThrow('GUID');
    expect(() => teamsManifestFor(APP_ID, 'https://bot.uni.example/')).toThrow('host name');
  });
});
