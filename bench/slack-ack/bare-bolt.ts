// Child process of bench:slack-ack: the yardstick. A bare Bolt app (ExpressReceiver on its own
// HTTP server, the same signing secret) whose listeners only ack() the same signed requests our
// service gets: the /alumni command, any button, the request form's submission. Nothing is
// logged or stored. Prints `port <n>` on stdout once it listens; stops on SIGTERM.
import { App, ExpressReceiver, LogLevel } from '@slack/bolt';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

async function main(): Promise<void> {
  const secret = process.env.SLACK_SIGNING_SECRET ?? '';
  const receiver = new ExpressReceiver({ signingSecret: secret, endpoints: '/slack/events', logLevel: LogLevel.ERROR });
  const app = new App({ token: 'xoxb-bare', receiver, botId: 'BBOT', botUserId: 'UBOT', logLevel: LogLevel.ERROR });
  app.command('/alumni', async ({ ack }) => ack());
  app.action(/.*/, async ({ ack }) => ack());
  app.view(/.*/, async ({ ack }) => ack());
  const server = http.createServer(receiver.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.stdout.write(`port ${(server.address() as AddressInfo).port}\n`);
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

void main();
