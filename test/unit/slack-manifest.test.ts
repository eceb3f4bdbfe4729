// Manifests are code: the Slack manifest validates against Slack's published schema (vendored),
// and every command, shortcut, modal and event in it has a handler, and the reverse.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { SLACK_CALLBACKS, SLACK_COMMAND, SLACK_EVENTS, SLACK_SHORTCUTS } from '../../src/platforms/slack/app.ts';
import { readSlackManifest, slackManifestFor } from '../../src/platforms/slack/manifest.ts';
import { ADMIN_SUBCOMMAND, SUBCOMMANDS } from '../../src/platforms/slack/listeners/commands.ts';
import { parse } from 'yaml';

const schema = JSON.parse(readFileSync(path.resolve(__dirname, '../../manifests/slack/manifest.schema.1.0.0.json'), 'utf8')) as object;

function validate(manifest: unknown): string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const check = ajv.compile(schema);
  return check(manifest) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
}

describe('Slack app manifest', () => {
  const manifest = readSlackManifest();

  it("validates against Slack's published manifest schema", () => {
    expect(validate(manifest)).toEqual([]);
  });

  it('would catch a manifest Slack refuses', () => {
    const broken = { ...manifest, features: { ...manifest.features, slash_commands: [{ command: 'alumni', description: '' }] } };
    expect(validate(broken).length).toBeGreaterThan(0);
  });

  it('declares exactly the slash command, shortcuts and events the app handles', () => {
    expect(manifest.features.slash_commands?.map((command) => command.command)).toEqual([SLACK_COMMAND]);
    expect(manifest.features.shortcuts?.map((shortcut) => shortcut.callback_id).sort()).toEqual([...SLACK_SHORTCUTS].sort());
    expect([...(manifest.settings.event_subscriptions?.bot_events ?? [])].sort()).toEqual([...SLACK_EVENTS].sort());
    expect(SLACK_CALLBACKS).toEqual(expect.arrayContaining(['post_request', 'give_consent', 'edit_profile', 'admin_add_unit', 'admin_add_programme']));
  });

  it('documents every subcommand in the usage hint', () => {
    const hint = (manifest.features.slash_commands?.[0] as { usage_hint?: string }).usage_hint ?? '';
    for (const sub of [...SUBCOMMANDS, ADMIN_SUBCOMMAND]) expect(hint).toContain(sub);
  });

  it('has Slack escape the command text, so mentions arrive as user ids', () => {
    expect((manifest.features.slash_commands?.[0] as { should_escape?: boolean }).should_escape).toBe(true);
  });

  it('fills in the request URLs for a host, and only for https', () => {
    const filled = parse(slackManifestFor('https://bot.uni.example')) as typeof manifest;
    expect(filled.settings.event_subscriptions?.request_url).toBe('https://bot.uni.example/slack/events');
    expect(filled.settings.interactivity?.request_url).toBe('https://bot.uni.example/slack/events');
    expect(filled.settings.interactivity?.message_menu_options_url).toBe('https://bot.uni.example/slack/events');
    expect(filled.features.slash_commands?.[0]?.url).toBe('https://bot.uni.example/slack/events');
    expect(validate(filled)).toEqual([]);
    expect(() => slackManifestFor('http://insecure.example')).toThrow('https');
  });
});
