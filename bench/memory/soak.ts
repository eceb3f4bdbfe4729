// bench:memory's soak: signed Slack requests at a steady rate (commands and button presses),
// the service's RSS sampled every SAMPLE_EVERY answers and its heapUsed after a full GC every
// tenth of the run; prints the curve and the slopes over the second half.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';
import type { FakeSlack } from '../../test/support/fake-slack.ts';
import { blockAction, sign, slashCommand } from '../../test/support/slack-requests.ts';
import { cpuMs, createPostgres, probe, procMemory, progress, SERVICE_FLAGS, sleep, startService } from './service.ts';

const SOAK_REQUESTS = Number(process.env.SOAK_REQUESTS ?? 100_000);
const SOAK_RATE = Number(process.env.SOAK_RATE ?? 300);
const SAMPLE_EVERY = Number(process.env.SAMPLE_EVERY ?? 1000);
const SOAK_USERS = Number(process.env.SOAK_USERS ?? 200);
const SOAK_CONCURRENCY = Number(process.env.SOAK_CONCURRENCY ?? 8);
/** Requests acknowledged whose work (the reply to response_url) is not done yet: the sender waits above this (the inbox refuses above 48). */
const SOAK_BACKLOG = Number(process.env.SOAK_BACKLOG ?? 16);
const SOAK_MAX_SECONDS = Number(process.env.SOAK_MAX_SECONDS ?? 420);

/** The soak's requests: commands (help, requests, profile) and button presses on invitations that are not there. */
function soakRequest(fake: FakeSlack, i: number): { body: string } {
  const user = `USOAK${i % SOAK_USERS}`;
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  switch (i % 4) {
    case 0:
      return { body: form(slashCommand(fake.url, user, 'help')) };
    case 1:
      return { body: form({ payload: JSON.stringify(blockAction(fake.url, user, 'invitation_more', randomUUID(), { channel: `D${user}`, ts: `${1_700_000_000 + i}.000100` })) }) };
    case 2:
      return { body: form(slashCommand(fake.url, user, i % 8 === 2 ? 'requests' : 'profile')) };
    default:
      return { body: form({ payload: JSON.stringify(blockAction(fake.url, user, 'invitation_decline', randomUUID(), { channel: `D${user}`, ts: `${1_700_000_000 + i}.000200` })) }) };
  }
}

/** The HTTP status, with the error word of a refusal (503 busy: every inbox slot taken; 503 unavailable: recording took too long). */
async function send(base: string, body: string): Promise<string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const response = await fetch(`${base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': sign(body, timestamp) },
    body,
  });
  const text = await response.text();
  if (response.status === 200) return '200';
  const error = /"error":"(\w+)"/.exec(text)?.[1];
  return error ? `${response.status} ${error}` : String(response.status);
}

interface Sample {
  requests: number;
  seconds: number;
  rss: number;
  heapUsed?: number;
}

/** Least-squares slope of y over x. */
function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const num = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

export async function soak(admin: pg.Client, fake: FakeSlack, workDir: string, env: (fake: FakeSlack) => Record<string, string>): Promise<void> {
  const name = `alumni_bench_memory_soak_${process.pid}`;
  const url = await createPostgres(admin, name);
  for (let u = 0; u < SOAK_USERS; u += 1) fake.addUser({ id: `USOAK${u}`, name: `Soak ${u}`, email: `soak${u}@alumni.example`, locale: u % 2 ? 'en-US' : 'nb-NO' });
  const service = await startService({ DATABASE_URL: url, ...env(fake) }, workDir, 'soak');
  try {
    const samples: Sample[] = [];
    const gcPoints: Sample[] = [];
    const statuses = new Map<string, number>();
    let sent = 0;
    let done = 0;
    let inFlight = 0;
    let responded = 0;
    let limit = SOAK_REQUESTS;
    const cpuBefore = cpuMs(service.child.pid);
    const startedAt = performance.now();
    const seconds = () => (performance.now() - startedAt) / 1000;
    const checkpoint = Math.max(SAMPLE_EVERY, Math.round(SOAK_REQUESTS / 10 / SAMPLE_EVERY) * SAMPLE_EVERY);
    const first = await probe(service);
    gcPoints.push({ requests: 0, seconds: 0, rss: procMemory(service.child.pid).rss, heapUsed: first.heapUsed });
    samples.push({ requests: 0, seconds: 0, rss: procMemory(service.child.pid).rss, heapUsed: first.heapUsed });
    progress(`soak: ${SOAK_REQUESTS.toLocaleString('en')} requests at ${SOAK_RATE}/s; RSS ${samples[0]!.rss.toFixed(0)} MB`);
    let nextSample = SAMPLE_EVERY;
    let nextCheckpoint = checkpoint;
    // Also every tenth of SOAK_MAX_SECONDS, so a run the machine cannot finish still has its curve.
    let nextCheckpointAt = SOAK_MAX_SECONDS / 10;
    let sampling = Promise.resolve();
    await new Promise<void>((resolve) => {
      const tick = () => {
        if (seconds() > SOAK_MAX_SECONDS && limit === SOAK_REQUESTS) {
          limit = sent;
          if (done === limit) resolve();
        }
        responded += fake.responses.length;
        fake.calls.length = 0;
        fake.responses.length = 0;
        const due = Math.min(limit, Math.floor(seconds() * SOAK_RATE));
        // Work goes on after the answer: the requests whose reply has not reached the fake Slack yet count as in flight too.
        while (sent < due && inFlight < SOAK_CONCURRENCY && (statuses.get('200') ?? 0) - responded < SOAK_BACKLOG) {
          const { body } = soakRequest(fake, sent);
          sent += 1;
          inFlight += 1;
          send(service.base, body)
            .then((status) => statuses.set(status, (statuses.get(status) ?? 0) + 1), () => statuses.set('error', (statuses.get('error') ?? 0) + 1))
            .finally(() => {
              inFlight -= 1;
              done += 1;
              if (done >= nextSample) {
                nextSample += SAMPLE_EVERY;
                const at: Sample = { requests: done, seconds: seconds(), rss: procMemory(service.child.pid).rss };
                samples.push(at);
                if (done >= nextCheckpoint || at.seconds >= nextCheckpointAt) {
                  nextCheckpoint = done + checkpoint;
                  nextCheckpointAt = at.seconds + SOAK_MAX_SECONDS / 10;
                  sampling = sampling.then(async () => {
                    at.heapUsed = (await probe(service)).heapUsed;
                    gcPoints.push(at);
                    progress(`soak: ${done.toLocaleString('en')} answered, ${(done / seconds()).toFixed(0)}/s, RSS ${at.rss.toFixed(0)} MB, heapUsed after GC ${at.heapUsed.toFixed(1)} MB`);
                  });
                }
              }
              if (done === limit) resolve();
            });
        }
        if (sent < limit) setTimeout(tick, 5);
      };
      tick();
    });
    await sampling;
    const total = seconds();
    const cpuPerRequest = (cpuMs(service.child.pid) - cpuBefore) / limit;
    await sleep(2000);
    const end = await probe(service);
    const { rss, peak } = procMemory(service.child.pid);
    gcPoints.push({ requests: limit, seconds: seconds(), rss, heapUsed: end.heapUsed });
    const flags = SERVICE_FLAGS.length > 0 ? `, service flags ${SERVICE_FLAGS.join(' ')}` : '';
    const stopped = limit < SOAK_REQUESTS ? ` (stopped after ${SOAK_MAX_SECONDS} s of ${SOAK_REQUESTS.toLocaleString('en')} asked)` : '';
    console.log(`\nSoak: ${limit.toLocaleString('en')} requests${stopped} in ${total.toFixed(0)} s: ${(limit / total).toFixed(0)}/s (asked at most ${SOAK_RATE}/s, ${SOAK_CONCURRENCY} in flight); answers: ${[...statuses.entries()].map(([s, n]) => `${n} × ${s}`).join(', ')}; replies to response_url ${responded + fake.responses.length}; service CPU ${cpuPerRequest.toFixed(2)} ms per request (GCs for the probe included)${flags}\n`);
    console.log('| requests answered | seconds | RSS | heapUsed after full GC |');
    console.log('|---|---|---|---|');
    for (const point of gcPoints) console.log(`| ${point.requests.toLocaleString('en')} | ${point.seconds.toFixed(0)} | ${point.rss.toFixed(0)} MB | ${point.heapUsed!.toFixed(1)} MB |`);
    const half = limit / 2;
    const rssSlope = slope(samples.filter((s) => s.requests >= half).map((s) => ({ x: s.requests, y: s.rss }))) * 10_000;
    const heapSlope = slope(gcPoints.filter((s) => s.requests >= half).map((s) => ({ x: s.requests, y: s.heapUsed! }))) * 10_000;
    const secondHalf = samples.filter((s) => s.requests >= half).map((s) => s.rss);
    console.log(`\nRSS every ${SAMPLE_EVERY.toLocaleString('en')} answers: ${samples.map((s) => s.rss.toFixed(0)).join(' ')} MB; second half between ${Math.min(...secondHalf).toFixed(0)} and ${Math.max(...secondHalf).toFixed(0)} MB.`);
    console.log(`Slope over the second half: RSS ${rssSlope >= 0 ? '+' : ''}${rssSlope.toFixed(2)} MB per 10,000 requests (${samples.length} samples), heapUsed after GC ${heapSlope >= 0 ? '+' : ''}${heapSlope.toFixed(2)} MB per 10,000 requests; peak RSS ${peak.toFixed(0)} MB; RSS at the end ${rss.toFixed(0)} MB.`);
    writeFileSync(path.join(workDir, 'soak-samples.json'), JSON.stringify(samples));
  } finally {
    await service.stop();
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

