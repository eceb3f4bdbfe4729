// A local fake of the Slack Web API over real HTTP. It records every call, checks the token
// and the parameters each method requires, refuses Block Kit over Slack's documented limits,
// and can answer 429 (with Retry-After), 5xx or a Slack error on demand.
import type http from 'node:http';
import { LocalHttpFake, type Reply } from './local-http-fake.ts';

export const FAKE_TOKEN = 'xoxb-fake-token';
export const FAKE_APP_TOKEN = 'xapp-fake-app-token';
const JSON_FIELDS = new Set(['blocks', 'view', 'metadata', 'attachments']);

export interface Call {
  method: string;
  params: Record<string, unknown>;
}

export interface FakeUser {
  id: string;
  name: string;
  email?: string;
  locale?: string;
}

type Failure = { status: 429; retryAfter: number } | { status: 500 | 502 | 503 } | { error: string };

interface StoredMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[];
  thread_ts?: string;
  metadata?: unknown;
}

const LIMITS = { blocks: 50, viewBlocks: 100, header: 150, section: 3000, fields: 10, field: 2000, elements: 25, button: 75, value: 2000, id: 255, viewTitle: 24 };

function textOf(value: unknown): string {
  return typeof value === 'object' && value !== null && typeof (value as { text?: unknown }).text === 'string' ? (value as { text: string }).text : '';
}

/** What Slack refuses in a select: no options, more than 100 (or 100 groups), over-long texts, options and groups mixed. */
function selectProblem(element: Record<string, unknown>): string | null {
  if (element.type !== 'static_select' && element.type !== 'multi_static_select') return null;
  const options = element.options as Record<string, unknown>[] | undefined;
  const groups = element.option_groups as { label?: unknown; options?: Record<string, unknown>[] }[] | undefined;
  if ((options === undefined) === (groups === undefined)) return 'a static select needs options or option_groups, not both';
  if (groups && (groups.length === 0 || groups.length > 100)) return 'option_groups must hold 1 to 100 groups';
  if (groups?.some((group) => textOf(group.label).length > 75 || !group.options?.length || group.options.length > 100)) return 'invalid option group';
  const all = options ?? (groups ?? []).flatMap((group) => group.options ?? []);
  if (options && (options.length === 0 || options.length > 100)) return 'options must hold 1 to 100 options';
  if (all.some((option) => textOf(option.text).length > 75)) return 'option text too long';
  return null;
}

/** The reason Slack would give for refusing these blocks, or null. */
export function blockProblem(blocks: unknown, max: number): string | null {
  if (!Array.isArray(blocks)) return 'blocks must be an array';
  if (blocks.length > max) return `more than ${max} blocks`;
  for (const block of blocks as Record<string, unknown>[]) {
    if (typeof block.block_id === 'string' && block.block_id.length > LIMITS.id) return 'block_id too long';
    if (block.type === 'header' && textOf(block.text).length > LIMITS.header) return 'header text too long';
    if (block.type === 'section') {
      if (textOf(block.text).length > LIMITS.section) return 'section text too long';
      const fields = (block.fields as unknown[] | undefined) ?? [];
      if (fields.length > LIMITS.fields) return 'too many fields';
      if (fields.some((field) => textOf(field).length > LIMITS.field)) return 'field text too long';
    }
    if (block.type === 'input' && typeof block.element === 'object' && block.element !== null) {
      const problem = selectProblem(block.element as Record<string, unknown>);
      if (problem) return problem;
    }
    if (block.type === 'actions') {
      const elements = (block.elements as Record<string, unknown>[] | undefined) ?? [];
      if (elements.length > LIMITS.elements) return 'too many elements';
      for (const element of elements) {
        if (textOf(element.text).length > LIMITS.button) return 'button text too long';
        if (typeof element.value === 'string' && element.value.length > LIMITS.value) return 'button value too long';
        if (typeof element.action_id === 'string' && element.action_id.length > LIMITS.id) return 'action_id too long';
      }
    }
  }
  return null;
}

export class FakeSlack extends LocalHttpFake {
  readonly calls: Call[] = [];
  readonly messages = new Map<string, StoredMessage>();
  readonly responses: { id: string; body: Record<string, unknown> }[] = [];
  private readonly users = new Map<string, FakeUser>();
  private readonly failures = new Map<string, Failure[]>();
  private rate: { perChannel: number; perWorkspace: number } | undefined;
  private readonly sentAt = new Map<string, number[]>();
  /** Every chat.postMessage that Slack accepted, by the outbox key in its metadata. */
  readonly deliveries = new Map<string, number>();
  /** When each accepted chat.postMessage arrived (ms since epoch). */
  readonly acceptedAt: number[] = [];
  rateLimited = 0;
  private clock = 1_700_000_000;
  /** Where apps.connections.open sends Socket Mode clients (set by a test's WebSocket server). */
  socketUrl = '';

  addUser(user: FakeUser): void {
    this.users.set(user.id, user);
  }

  /** Answers 429 (Retry-After: 1) to posts beyond these rates, per channel and per workspace. */
  enforceRate(perChannelPerSecond: number, perWorkspacePerSecond: number): void {
    this.rate = { perChannel: perChannelPerSecond, perWorkspace: perWorkspacePerSecond };
  }

  /** Fails every nth call of a method (a flaky Slack), with the given failure. */
  failEvery(method: string, nth: number, failure: Failure): void {
    this.flaky.set(method, { nth, failure, count: 0 });
  }

  private readonly flaky = new Map<string, { nth: number; failure: Failure; count: number }>();

  private overRate(channel: string, now: number): boolean {
    if (!this.rate) return false;
    const window = (key: string) => (this.sentAt.get(key) ?? []).filter((at) => at > now - 1000);
    const inChannel = window(channel);
    const inWorkspace = window('*');
    if (inChannel.length >= this.rate.perChannel || inWorkspace.length >= this.rate.perWorkspace) return true;
    this.sentAt.set(channel, [...inChannel, now]);
    this.sentAt.set('*', [...inWorkspace, now]);
    return false;
  }

  /** Refuses every post to one channel or user with a Slack error (a user who left, a deleted channel). */
  refuseChannel(channel: string, error: string): void {
    this.refused.set(channel, error);
  }

  private readonly refused = new Map<string, string>();

  /** Fails the next call of a method on one channel only (e.g. the next edit of a request card). */
  failNextIn(method: string, channel: string, failure: Failure): void {
    this.failNext(`${method}@${channel}`, failure);
  }

  failNext(method: string, failure: Failure): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), failure]);
  }

  callsTo(method: string): Call[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Messages (as they are now) in a channel or a user's DM, oldest first. */
  messagesIn(channel: string): StoredMessage[] {
    const key = channel.startsWith('U') ? `D${channel.slice(1)}` : channel;
    return [...this.messages.values()].filter((message) => message.channel === key);
  }

  /** Files uploaded (files.uploadV2: getUploadURLExternal, POST to the upload URL, completeUploadExternal). */
  readonly uploads = new Map<string, { id: string; filename: string; length: number; bytes?: Buffer; channel?: string; title?: string; comment?: string }>();

  /** Files shared into a channel or DM (user id or channel id), oldest first. */
  filesIn(channel: string): { id: string; filename: string; bytes?: Buffer; title?: string; comment?: string }[] {
    const key = channel.startsWith('U') ? `D${channel.slice(1)}` : channel;
    return [...this.uploads.values()].filter((upload) => upload.channel === key);
  }

  /** The upload URL takes the bytes raw or as multipart/form-data (what @slack/web-api sends). */
  private async receiveUpload(req: http.IncomingMessage, bytes: Buffer, reply: Reply): Promise<void> {
    const upload = this.uploads.get((req.url ?? '').slice('/upload/'.length));
    const type = req.headers['content-type'] ?? '';
    let file = bytes;
    if (type.startsWith('multipart/form-data')) {
      const part = [...(await new Response(bytes, { headers: { 'content-type': type } }).formData()).values()].find((value) => typeof value !== 'string');
      file = part ? Buffer.from(await (part as Blob).arrayBuffer()) : Buffer.alloc(0);
    }
    if (!upload || file.length !== upload.length) return reply(400, { ok: false });
    upload.bytes = file;
    reply(200, { ok: true });
  }

  private completeUpload(p: Record<string, unknown>): Record<string, unknown> {
    const files = JSON.parse(String(p.files ?? '[]')) as { id: string; title?: string }[];
    const channel = String(p.channel_id ?? '');
    if (channel && this.refused.has(channel)) return { ok: false, error: this.refused.get(channel) };
    const known = files.map((file) => this.uploads.get(file.id));
    if (known.length === 0 || known.some((upload) => !upload?.bytes)) return { ok: false, error: 'file_not_found' };
    for (const [index, upload] of known.entries()) Object.assign(upload!, { channel: channel.startsWith('U') ? `D${channel.slice(1)}` : channel, title: files[index]!.title, comment: p.initial_comment as string | undefined });
    return { ok: true, files: known.map((upload) => ({ id: upload!.id, name: upload!.filename })) };
  }

  /** Fails every call of a method ('*': every method, auth.test included) until cleared with null (a revoked token, a Slack outage). */
  failAlways(method: string, failure: Failure | null): void {
    if (failure) this.always.set(method, failure);
    else this.always.delete(method);
  }

  private readonly always = new Map<string, Failure>();

  /** Answers the next call of a method only after `ms` (a send that hangs). */
  delayNext(method: string, ms: number): void {
    this.delays.set(method, [...(this.delays.get(method) ?? []), ms]);
  }

  private readonly delays = new Map<string, number[]>();

  /** Answers every call of a Web API method only after `ms` (a slow or overloaded Slack). */
  slowDown(method: string, ms: number): void {
    this.slow.set(method, ms);
  }

  private readonly slow = new Map<string, number>();

  protected handle(req: http.IncomingMessage, raw: string, reply: Reply, bytes: Buffer): void {
    const url = req.url ?? '';
    const called = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    const slow = this.slow.get(called) ?? this.delays.get(called)?.shift();
    if (slow) {
      const answer = reply;
      reply = (...args) => void setTimeout(() => answer(...args), slow);
    }
    if (url.startsWith('/upload/')) return void this.receiveUpload(req, bytes, reply).catch(() => reply(400, { ok: false, error: 'bad_upload' }));
    if (url.startsWith('/response/')) {
      this.responses.push({ id: url.slice('/response/'.length), body: JSON.parse(raw || '{}') as Record<string, unknown> });
      return reply(200, { ok: true });
    }
    const method = url.replace(/^\/api\//, '').split('?')[0] ?? '';
    const params = this.parse(raw, req.headers['content-type'] ?? '');
    this.calls.push({ method, params });
    if (method === 'apps.connections.open') {
      if (req.headers.authorization !== `Bearer ${FAKE_APP_TOKEN}` || !this.socketUrl) return reply(200, { ok: false, error: 'invalid_auth' });
      return reply(200, { ok: true, url: this.socketUrl });
    }
    if (req.headers.authorization !== `Bearer ${FAKE_TOKEN}`) return reply(200, { ok: false, error: 'invalid_auth' });
    const flaky = this.flaky.get(method);
    const failure = this.always.get(method) ?? this.always.get('*') ?? this.failures.get(`${method}@${String(params.channel ?? '')}`)?.shift() ?? this.failures.get(method)?.shift() ?? (flaky && ++flaky.count % flaky.nth === 0 ? flaky.failure : undefined);
    const refusal = method === 'chat.postMessage' ? this.refused.get(String(params.channel)) : undefined;
    if (refusal) return reply(200, { ok: false, error: refusal });
    if (!failure && method === 'chat.postMessage' && this.overRate(String(params.channel), Date.now())) {
      this.rateLimited += 1;
      return reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    }
    if (failure && 'status' in failure) {
      return failure.status === 429 ? reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfter) }) : reply(failure.status, { ok: false });
    }
    if (failure) return reply(200, { ok: false, error: failure.error });
    reply(200, this.answer(method, params));
  }

  private parse(raw: string, contentType: string): Record<string, unknown> {
    if (contentType.includes('application/json')) return JSON.parse(raw || '{}') as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, value] of new URLSearchParams(raw)) out[key] = JSON_FIELDS.has(key) ? JSON.parse(value) : value;
    return out;
  }

  private answer(method: string, p: Record<string, unknown>): Record<string, unknown> {
    const missing = (...names: string[]) => names.find((name) => p[name] === undefined || p[name] === '');
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'alumni-bot' };
      case 'users.info': {
        if (missing('user')) return { ok: false, error: 'invalid_arguments' };
        const user = this.users.get(String(p.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return { ok: true, user: { id: user.id, name: user.name, real_name: user.name, is_email_confirmed: true, locale: user.locale ?? 'nb-NO', profile: { real_name: user.name, email: user.email } } };
      }
      case 'chat.postMessage':
      case 'chat.postEphemeral': {
        const absent = missing('channel') ?? (p.text === undefined && p.blocks === undefined ? 'text' : undefined) ?? (method === 'chat.postEphemeral' ? missing('user') : undefined);
        if (absent) return { ok: false, error: absent === 'channel' ? 'channel_not_found' : 'no_text' };
        const problem = p.blocks === undefined ? null : blockProblem(p.blocks, LIMITS.blocks);
        if (problem) return { ok: false, error: 'invalid_blocks', errors: [problem] };
        const channel = String(p.channel).startsWith('U') ? `D${String(p.channel).slice(1)}` : String(p.channel);
        // Real seconds, so that `oldest` in conversations.history means what it means on Slack.
        const ts = `${Math.floor(Date.now() / 1000)}.${String((this.clock += 1) % 1_000_000).padStart(6, '0')}`;
        if (method === 'chat.postMessage') {
          this.messages.set(`${channel}/${ts}`, { channel, ts, text: String(p.text ?? ''), blocks: (p.blocks as unknown[]) ?? [], thread_ts: p.thread_ts as string | undefined, metadata: p.metadata });
          const key = (p.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key;
          if (key) this.deliveries.set(key, (this.deliveries.get(key) ?? 0) + 1);
          this.acceptedAt.push(Date.now());
        }
        return { ok: true, channel, ts, message_ts: ts };
      }
      case 'chat.update': {
        const absent = missing('channel', 'ts');
        if (absent) return { ok: false, error: 'invalid_arguments' };
        const stored = this.messages.get(`${String(p.channel)}/${String(p.ts)}`);
        if (!stored) return { ok: false, error: 'message_not_found' };
        const problem = p.blocks === undefined ? null : blockProblem(p.blocks, LIMITS.blocks);
        if (problem) return { ok: false, error: 'invalid_blocks', errors: [problem] };
        stored.text = String(p.text ?? stored.text);
        stored.blocks = (p.blocks as unknown[]) ?? stored.blocks;
        return { ok: true, channel: stored.channel, ts: stored.ts };
      }
      case 'files.getUploadURLExternal': {
        if (missing('filename', 'length')) return { ok: false, error: 'invalid_arguments' };
        const id = `F${(this.clock += 1)}`;
        this.uploads.set(id, { id, filename: String(p.filename), length: Number(p.length) });
        return { ok: true, upload_url: `${this.url}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return missing('files') ? { ok: false, error: 'invalid_arguments' } : this.completeUpload(p);
      case 'conversations.open': {
        if (missing('users')) return { ok: false, error: 'invalid_arguments' };
        return { ok: true, channel: { id: `D${String(p.users).slice(1)}` } };
      }
      case 'conversations.history':
      case 'conversations.replies': {
        if (missing('channel')) return { ok: false, error: 'invalid_arguments' };
        const oldest = Number(p.oldest ?? 0);
        const inThread = method === 'conversations.replies';
        const messages = [...this.messages.values()]
          .filter((m) => m.channel === p.channel && Number(m.ts) > oldest && (inThread ? m.thread_ts === p.ts || m.ts === p.ts : !m.thread_ts))
          .map((m) => ({ type: 'message', ts: m.ts, text: m.text, ...(p.include_all_metadata === 'true' || p.include_all_metadata === true ? { metadata: m.metadata } : {}) }));
        return { ok: true, messages: messages.reverse(), has_more: false };
      }
      case 'views.open':
      case 'views.publish': {
        const absent = missing(method === 'views.open' ? 'trigger_id' : 'user_id', 'view');
        if (absent) return { ok: false, error: 'invalid_arguments' };
        const view = p.view as Record<string, unknown>;
        const problem = blockProblem(view.blocks, LIMITS.viewBlocks) ?? (textOf(view.title).length > LIMITS.viewTitle ? 'title too long' : null);
        if (problem) return { ok: false, error: 'invalid_arguments', errors: [problem] };
        return { ok: true, view: { id: `V${(this.clock += 1)}`, ...view } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }
}
