// npm run bench:slack-ack — how fast the bot acknowledges Slack, next to a bare Bolt app.
// Both servers receive the same signed slash commands (/alumni help) and block_actions
// (invitation_more) at a fixed rate, interleaved, in one run; we record the time to the HTTP
// answer (Slack's 3-second clock). Our app does its real work after the ack (database lookups,
// use case, respond() to a local fake Slack); the bare app only acks. Prints p50/p99 per kind
// and the ratio of our p99 to the bare one (target ≤ 1.3).
import { App, ExpressReceiver } from '@slack/bolt';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { runSteps } from '../src/lifecycle.ts';
import { startService } from '../src/service.ts';
import { FAKE_TOKEN, FakeSlack } from '../test/support/fake-slack.ts';
import { blockAction, postCommand, postInteraction, SIGNING_SECRET, slashCommand } from '../test/support/slack-requests.ts';

const RATE = Number(process.env.RATE ?? 40);
const SECONDS = Number(process.env.SECONDS ?? 15);
const SERVER = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function bareBolt(): Promise<{ base: string; close(): Promise<void> }> {
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, endpoints: '/slack/events' });
  const app = new App({ token: FAKE_TOKEN, receiver, botId: 'BBOT', botUserId: 'UBOT' });
  app.command('/alumni', async ({ ack }) => ack());
  app.action('invitation_more', async ({ ack }) => ack());
  const server = http.createServer(receiver.app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function main() {
  const admin = new pg.Client({ connectionString: SERVER });
  await admin.connect();
  const name = `alumni_bench_ack_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(SERVER);
  url.pathname = `/${name}`;
  const slack = await new FakeSlack().start();
  for (let i = 0; i < 50; i += 1) slack.addUser({ id: `U${i}`, name: `User ${i}`, email: `user${i}@example.no` });
  const config = loadConfig({ DATABASE_URL: url.toString(), PORT: '0', LOG_LEVEL: 'silent', SLACK_BOT_TOKEN: FAKE_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: `${slack.url}/api/` });
  const service = await startService(config, createLogger('silent'), { slack: { botUserId: 'UBOT', botId: 'BBOT' } });
  const bare = await bareBolt();
  const ours = `http://127.0.0.1:${service.port}`;
  const samples: Record<string, number[]> = { 'ours command': [], 'bare command': [], 'ours block_actions': [], 'bare block_actions': [] };
  const send = async (label: string, base: string, i: number) => {
    const user = `U${i % 50}`;
    const started = performance.now();
    const response = label.endsWith('command')
      ? await postCommand(base, slashCommand(slack.url, user, 'help'))
      : await postInteraction(base, blockAction(slack.url, user, 'invitation_more', '0193f1a2-0000-7000-8000-000000000001', { channel: `D${user}`, ts: '1.1' }));
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${label}: HTTP ${response.status}`);
    samples[label]!.push(performance.now() - started);
  };
  const labels = Object.keys(samples);
  // Warm-up: first contact creates each person; both apps compile their paths.
  for (let i = 0; i < 100; i += 1) await send(labels[i % 4]!, labels[i % 4]!.startsWith('ours') ? ours : bare.base, i);
  for (const list of Object.values(samples)) list.length = 0;
  const inFlight: Promise<void>[] = [];
  const total = RATE * SECONDS;
  const started = performance.now();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const label = labels[i % 4]!;
    inFlight.push(send(label, label.startsWith('ours') ? ours : bare.base, i));
  }
  await Promise.all(inFlight);
  console.log(`| kind | app | requests | p50 | p99 |\n|---|---|---|---|---|`);
  const p99 = (label: string) => pct([...samples[label]!].sort((a, b) => a - b), 0.99);
  for (const label of labels) {
    const sorted = [...samples[label]!].sort((a, b) => a - b);
    const [app, kind] = label.split(' ');
    console.log(`| ${kind} | ${app === 'ours' ? 'Alumni Bridge' : 'bare Bolt'} | ${sorted.length} | ${pct(sorted, 0.5).toFixed(1)} ms | ${pct(sorted, 0.99).toFixed(1)} ms |`);
  }
  console.log(`\np99 ratio (ours / bare): command ${(p99('ours command') / p99('bare command')).toFixed(2)}, block_actions ${(p99('ours block_actions') / p99('bare block_actions')).toFixed(2)} at ${RATE} requests/s for ${SECONDS} s`);
  await bare.close();
  await runSteps(createLogger('silent'), service.stopSteps);
  await slack.stop();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}

void main();
