// Fuzzing both endpoints of the real service (production answer mode) with signed malformed
// Slack requests and malformed Teams activities: never a 5xx, never a late answer, and never a
// piece of a body in the logs or on the console. Seeded (FUZZ_SEED replays a run) and bounded:
// a fixed number of requests, a few at a time.
import { sign } from '../../support/slack-requests.ts';
import { brokenSlackBodies, brokenTeamsBodies, breakSome, encodeSlack, MARKER, seeded, slackSamples, teamsSamples, type RawRequest } from './fuzz-inputs.ts';
import { startTrustHarness, type TrustHarness } from './support.ts';

jest.setTimeout(180_000);

const SEED = Number(process.env.FUZZ_SEED ?? 20261129);
const SLACK_REQUESTS = 1_100;
const TEAMS_REQUESTS = 330;
const AT_ONCE = 6;
/** Slack gives up after three seconds; the bot answers unhandled requests at 2.5 s at the latest. */
const SLACK_IN_TIME_MS = 2_400;
/** A Teams request is answered within five seconds even when its turn is still running. */
const TEAMS_IN_TIME_MS = 4_900;

interface Outcome {
  status: number;
  ms: number;
  sample: string;
}

async function inBatches(requests: (() => Promise<Outcome>)[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (let start = 0; start < requests.length; start += AT_ONCE) {
    outcomes.push(...(await Promise.all(requests.slice(start, start + AT_ONCE).map((send) => send()))));
  }
  return outcomes;
}

async function timed(send: () => Promise<Response>, sample: string): Promise<Outcome> {
  const started = Date.now();
  const response = await send();
  await response.arrayBuffer();
  return { status: response.status, ms: Date.now() - started, sample: sample.slice(0, 300) };
}

/** The first few outcomes that break a rule, to show in a failure. */
const offenders = (outcomes: Outcome[], bad: (outcome: Outcome) => boolean) => outcomes.filter(bad).slice(0, 5);

describe('fuzzing Slack and Teams', () => {
  let h: TrustHarness;
  const consoleCalls: string[] = [];

  beforeAll(async () => {
    h = await startTrustHarness({ TEAMS_ALLOWED_TENANTS: 'tenant-1' });
    h.slack.addUser({ id: 'UKARI', name: 'Kari', email: 'kari@uni.example' });
    h.connector.addMember({ id: '29:fuzz', aadObjectId: 'aad-fuzz', name: 'Fuzz', email: 'fuzz@example.no' });
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void consoleCalls.push(args.map(String).join(' ')));
    }
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await h.stop();
  });

  it(`answers ${SLACK_REQUESTS} signed malformed Slack requests with 200 or 400, in time`, async () => {
    const random = seeded(SEED);
    const samples = slackSamples(h.slack.url);
    const broken = brokenSlackBodies();
    const requests = Array.from({ length: SLACK_REQUESTS }, (_unused, n): (() => Promise<Outcome>) => {
      let raw: RawRequest;
      if (n % 10 === 0) raw = broken[(n / 10) % broken.length]!;
      else {
        const sample = samples[n % samples.length]!;
        const body = { ...sample.body, ...('event_id' in sample.body ? { event_id: `EvFuzz${n}` } : {}) };
        raw = encodeSlack(sample.kind, breakSome(body, random));
      }
      return () => {
        const timestamp = Math.floor(Date.now() / 1000);
        const headers = { 'content-type': raw.contentType, 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(raw.body, timestamp) };
        return timed(() => fetch(`${h.base}/slack/events`, { method: 'POST', headers, body: raw.body }), raw.body);
      };
    });
    const outcomes = await inBatches(requests);
    expect(outcomes).toHaveLength(SLACK_REQUESTS);
    expect(offenders(outcomes, (outcome) => outcome.status !== 200 && outcome.status !== 400)).toEqual([]);
    expect(offenders(outcomes, (outcome) => outcome.ms >= SLACK_IN_TIME_MS)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.status === 400).length).toBeGreaterThan(100);
  });

  it(`answers ${TEAMS_REQUESTS} malformed Teams activities without a 5xx, in time`, async () => {
    const random = seeded(SEED + 1);
    const samples = teamsSamples(h.connector.url);
    const broken = brokenTeamsBodies();
    const requests = Array.from({ length: TEAMS_REQUESTS }, (_unused, n): (() => Promise<Outcome>) => {
      const raw: RawRequest = n % 10 === 0
        ? broken[(n / 10) % broken.length]!
        : { body: JSON.stringify(breakSome({ ...samples[n % samples.length]!, id: `fuzz-${n}` }, random)) ?? '', contentType: 'application/json' };
      return () => timed(() => fetch(`${h.base}/api/messages`, { method: 'POST', headers: { 'content-type': raw.contentType }, body: raw.body }), raw.body);
    });
    const outcomes = await inBatches(requests);
    expect(outcomes).toHaveLength(TEAMS_REQUESTS);
    expect(offenders(outcomes, (outcome) => outcome.status >= 500)).toEqual([]);
    expect(offenders(outcomes, (outcome) => outcome.ms >= TEAMS_IN_TIME_MS)).toEqual([]);
  });

  it('leaves no piece of a body in the logs or on the console', async () => {
    // Slack is acknowledged before the listeners finish: let the last of them end.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    if (process.env.FUZZ_SHOW_LOG) process.stdout.write(`${h.logText().split('\n').filter((line) => !line.includes('"level":"debug"')).join('\n')}\n`);
    expect(h.logText()).not.toContain(MARKER);
    expect(h.logText()).not.toContain('Kari-Nordmann');
    expect(consoleCalls.filter((line) => line.includes(MARKER) || line.includes('Fuzz-Kari'))).toEqual([]);
  });

  it('logs each error that happened on the way as its type and a readable reason', () => {
    const errors = h.logText().split('\n').map((line) => JSON.parse(line) as { err?: { type?: unknown; message?: unknown } }).flatMap((line) => (line.err ? [line.err] : []));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.filter((err) => err.type === 'Object' || err.type === undefined || err.message === '')).toEqual([]);
  });
});
