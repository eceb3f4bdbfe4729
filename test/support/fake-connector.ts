// A local fake of the Bot Connector service (the serviceUrl a Teams activity names): records
// replies, proactive sends and updates, answers member lookups, and fails on demand.
import type http from 'node:http';
import { LocalHttpFake, type Reply } from './local-http-fake.ts';

export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  activityId?: string;
  body: Record<string, unknown>;
}

export interface FakeMember {
  id: string;
  aadObjectId: string;
  name: string;
  email?: string;
}

export class FakeConnector extends LocalHttpFake {
  readonly calls: ConnectorCall[] = [];
  private readonly members = new Map<string, FakeMember>();
  private readonly failures: number[] = [];
  private counter = 0;

  addMember(member: FakeMember): void {
    this.members.set(member.id, member);
  }

  /** The next activity sends answer with this HTTP status (429, 412, 502, 504 …). */
  failNext(status: number): void {
    this.failures.push(status);
  }

  /** Every activity send or update answers this status (and error code) until cleared with null (an expired secret, a blocked bot). */
  failAlways(status: number | null, code = 'Unauthorized'): void {
    this.always = status ? { status, code } : null;
  }

  private always: { status: number; code: string } | null = null;

  /** The next activity send or update is answered only after `ms` (a call that hangs). */
  delayNext(ms: number): void {
    this.delays.push(ms);
  }

  private readonly delays: number[] = [];

  /** Every card or text the bot sent to (or updated in) a conversation, newest last. */
  activitiesIn(conversationId: string): ConnectorCall[] {
    return this.calls.filter((call) => call.conversationId === conversationId && call.method !== 'GET');
  }

  /** Files the bot uploaded after a file-consent card was accepted (PUT to the upload URL Teams gave), by name. */
  readonly uploads = new Map<string, { bytes: Buffer; range: string | undefined }>();

  /** The upload URL a file-consent answer names (OneDrive's, in real Teams). */
  uploadUrl(name: string): string {
    return `${this.url}/upload/${encodeURIComponent(name)}`;
  }

  protected handle(req: http.IncomingMessage, raw: string, reply: Reply, bytes?: Buffer): void {
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    if (path.startsWith('/upload/')) {
      if (req.method !== 'PUT') return reply(405, { error: { code: 'MethodNotAllowed' } });
      this.uploads.set(path.slice('/upload/'.length), { bytes: bytes ?? Buffer.alloc(0), range: req.headers['content-range'] });
      return reply(201, { id: `file-${this.uploads.size}`, name: path.slice('/upload/'.length), size: bytes?.length ?? 0 });
    }
    const match = /^\/v3\/conversations\/([^/]+)(?:\/(activities|members)(?:\/(.+))?)?$/.exec(path);
    if (!match) return reply(404, { error: { code: 'NotFound' } });
    const [, conversationId = '', collection, id] = match;
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    this.calls.push({ method: req.method ?? '', path, conversationId, activityId: id, body });
    if (collection === 'members') {
      const member = this.members.get(id ?? '');
      return member ? reply(200, { ...member, userPrincipalName: member.email }) : reply(404, { error: { code: 'MemberNotFound' } });
    }
    if (this.always) return reply(this.always.status, { error: { code: this.always.code, message: 'refused' } });
    const failure = this.failures.shift();
    if (failure) return reply(failure, { error: { code: 'Throttled' } });
    const delay = this.delays.shift();
    if (delay) {
      const answer = reply;
      reply = (...args) => void setTimeout(() => answer(...args), delay);
    }
    if (req.method === 'PUT') return reply(200, { id });
    return reply(200, { id: `activity-${(this.counter += 1)}` });
  }
}

/** A Bot Framework activity as Teams sends it. */
export function teamsActivity(connectorUrl: string, fields: { id: string; type: string; userId: string; aadObjectId: string; name: string; tenantId?: string; text?: string; value?: unknown; replyToId?: string; membersAdded?: { id: string }[]; locale?: string }): Record<string, unknown> {
  const tenantId = fields.tenantId ?? 'tenant-1';
  return {
    type: fields.type,
    id: fields.id,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connectorUrl,
    from: { id: fields.userId, aadObjectId: fields.aadObjectId, name: fields.name },
    recipient: { id: '28:alumni-bot', name: 'Alumni Bridge' },
    conversation: { id: `a:personal-${fields.aadObjectId}`, conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    locale: fields.locale ?? 'nb-NO',
    ...(fields.text !== undefined ? { text: fields.text } : {}),
    ...(fields.value !== undefined ? { value: fields.value } : {}),
    ...(fields.replyToId ? { replyToId: fields.replyToId } : {}),
    ...(fields.membersAdded ? { membersAdded: fields.membersAdded } : {}),
  };
}
