// npm run manifest:slack -- --url https://bot.example.org
// Prints the Slack app manifest with the request URLs filled in, ready to paste into Slack.
import { slackManifestFor } from '../platforms/slack/manifest.ts';

const at = process.argv.indexOf('--url');
const url = at >= 0 ? process.argv[at + 1] : undefined;
if (!url) {
  console.error('Usage: npm run manifest:slack -- --url https://your.host');
  process.exit(2);
}
try {
  process.stdout.write(slackManifestFor(url));
} catch (error) {
  console.error(`Could not fill in the manifest: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
