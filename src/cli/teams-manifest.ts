// npm run manifest:teams -- --app-id <guid> --domain bot.example.org [--privacy-url https://…] [--out alumni-bridge-teams.zip]
// Writes the Teams app package (manifest + icons) ready to upload in Teams.
import { writeFileSync } from 'node:fs';
import { teamsPackage } from '../platforms/teams/manifest.ts';

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

const appId = arg('--app-id');
const domain = arg('--domain');
const out = arg('--out') ?? 'alumni-bridge-teams.zip';
if (!appId || !domain) {
  console.error('Usage: npm run manifest:teams -- --app-id <Azure Bot app id> --domain bot.example.org [--out file.zip]');
  process.exit(2);
}
teamsPackage(appId, domain, arg('--privacy-url') ?? (process.env.PRIVACY_URL || undefined)).then(
  (zip) => {
    writeFileSync(out, zip);
    console.log(`Wrote ${out}. Upload it in Teams: Apps → Manage your apps → Upload an app.`);
  },
  (error: unknown) => {
    console.error(`Could not build the package: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
