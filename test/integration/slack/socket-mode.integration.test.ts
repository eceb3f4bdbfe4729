// Socket Mode (SLACK_APP_TOKEN): the bot connects out to Slack over a WebSocket, so it works
// behind a firewall. A local WebSocket server plays Slack: hello, then a slash command envelope.
import { WebSocketServer, type WebSocket } from 'ws';
import type { AddressInfo } from 'node:net';
import { eventually } from '../../support/eventually.ts';
import { FAKE_APP_TOKEN } from '../../support/fake-slack.ts';
import { startSlackHarness, type SlackHarness } from '../../support/slack-service.ts';
import { slashCommand } from '../../support/slack-requests.ts';

describe('Slack in Socket Mode', () => {
  let server: WebSocketServer;
  let socket: WebSocket | undefined;
  const received: Record<string, unknown>[] = [];
  let h: SlackHarness;

  beforeAll(async () => {
    server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    server.on('connection', (connection) => {
      socket = connection;
      connection.on('message', (data) => received.push(JSON.parse(String(data)) as Record<string, unknown>));
      connection.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A1' }, debug_info: { host: 'fake' } }));
    });
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    h = await startSlackHarness({ SLACK_SIGNING_SECRET: '', SLACK_APP_TOKEN: FAKE_APP_TOKEN }, {}, (slack) => {
      slack.socketUrl = `ws://127.0.0.1:${port}/link`;
    });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
  });

  afterAll(async () => {
    await h.stop();
    for (const client of server.clients) client.terminate();
    await new Promise((resolve) => server.close(resolve));
  });

  it('connects out, acknowledges a slash command envelope, and answers it', async () => {
    await eventually(() => expect(socket).toBeDefined());
    socket!.send(JSON.stringify({ envelope_id: 'env-1', type: 'slash_commands', accepts_response_payload: true, payload: slashCommand(h.slack.url, 'UKARI', 'help') }));
    await eventually(() => expect(received).toContainEqual(expect.objectContaining({ envelope_id: 'env-1' })));
    await eventually(() => expect(String(h.slack.responses.at(-1)?.body.text)).toContain('/alumni request'));
    expect(h.slack.callsTo('apps.connections.open')).toHaveLength(1);
  });
});
