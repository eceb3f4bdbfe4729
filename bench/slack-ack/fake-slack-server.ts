// Child process of bench:slack-ack: the local fake Slack (test/support/fake-slack.ts) in a process
// of its own, so the bot's Web API calls and respond() posts do not share the sender's event loop.
// It knows every user it is asked about (users.info): `USTAFF<n>` are staff (staff<n>@uni.example,
// admins through ADMIN_EMAILS), `UB<n>` is seeded alumnus n (bench/support/alumni-seed.ts:
// alumnus<n>@example.org), any other id a person of that name at example.org.
// Extra routes for the bench: GET /bench/invitations (invitation messages and their button
// values), POST /bench/reset (forget recorded calls; ?all also the messages), GET /bench/stats.
// Prints `port <n>` on stdout once it listens; stops on SIGTERM.
import type http from 'node:http';
import { FakeSlack } from '../../test/support/fake-slack.ts';
import type { Reply } from '../../test/support/local-http-fake.ts';

/** The fake user behind a Slack id, as the bench's CSV and ADMIN_EMAILS define them. */
export function benchUser(id: string): { id: string; name: string; email: string } {
  const staff = /^USTAFF(\d+)$/.exec(id);
  if (staff) return { id, name: `Staff ${staff[1]}`, email: `staff${staff[1]}@uni.example` };
  const alumnus = /^UB(\d+)$/.exec(id);
  if (alumnus) return { id, name: `Alumnus ${alumnus[1]}`, email: `alumnus${alumnus[1]}@example.org` };
  return { id, name: id, email: `${id.toLowerCase()}@example.org` };
}

export interface BenchInvitation {
  channel: string;
  ts: string;
  /** The Slack user the invitation went to. */
  user: string;
  /** Button values by action id (invitation_more, invitation_accept, …). */
  buttons: Record<string, string>;
}

class BenchSlack extends FakeSlack {
  private readonly known = new Set<string>();

  protected override handle(req: http.IncomingMessage, raw: string, reply: Reply, bytes: Buffer): void {
    const url = req.url ?? '';
    if (url.startsWith('/bench/')) return this.bench(url, reply);
    if (url.startsWith('/api/users.info')) {
      const user = new URLSearchParams(raw).get('user') ?? '';
      if (user && !this.known.has(user)) {
        this.known.add(user);
        this.addUser(benchUser(user));
      }
    }
    super.handle(req, raw, reply, bytes);
  }

  private bench(url: string, reply: Reply): void {
    if (url.startsWith('/bench/reset')) {
      this.calls.length = 0;
      this.responses.length = 0;
      // ?all: also the messages (a new database: its invitations are not the last one's).
      if (url.includes('all')) {
        this.messages.clear();
        this.deliveries.clear();
        this.acceptedAt.length = 0;
      }
      return reply(200, { ok: true });
    }
    if (url.startsWith('/bench/stats')) {
      // What the bot answered (response_url texts, by their start) and which Web API methods it called since the last reset.
      const count = (keys: string[]) => Object.fromEntries([...keys.reduce((map, key) => map.set(key, (map.get(key) ?? 0) + 1), new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, 8));
      return reply(200, {
        methods: count(this.calls.map((call) => call.method)),
        responses: count(this.responses.map((response) => String(response.body.text ?? '').slice(0, 50))),
        messages: this.messages.size,
      });
    }
    if (url.startsWith('/bench/invitations')) return reply(200, this.invitations());
    reply(404, { ok: false });
  }

  private invitations(): BenchInvitation[] {
    const found: BenchInvitation[] = [];
    for (const message of this.messages.values()) {
      if (!JSON.stringify(message.metadata ?? '').includes(':invite')) continue;
      const buttons: Record<string, string> = {};
      for (const match of JSON.stringify(message.blocks).matchAll(/"action_id":"(invitation_[a-z]+)","value":"([0-9a-f-]+)"/g)) buttons[match[1]!] = match[2]!;
      if (Object.keys(buttons).length > 0) found.push({ channel: message.channel, ts: message.ts, user: `U${message.channel.slice(1)}`, buttons });
    }
    return found;
  }
}

async function main(): Promise<void> {
  const slack = await new BenchSlack().start();
  process.stdout.write(`port ${new URL(slack.url).port}\n`);
  process.once('SIGTERM', () => void slack.stop().then(() => process.exit(0)));
}

if (require.main === module) void main();
