// The process stops on a signal whatever happens on the way (a step that hangs, a log that
// cannot be written, a signal during start-up), logs an outage once, and treats errors nobody
// handled as the issue describes: a failed promise is logged and counted, an exception stops
// the service in order.
import { EventEmitter } from 'node:events';
import { createShutdown } from '../../../src/lifecycle.ts';
import { createLogger } from '../../../src/logger.ts';
import { createMetrics } from '../../../src/metrics.ts';
import { Outage } from '../../../src/outage.ts';
import { guardProcess } from '../../../src/process-guards.ts';
import { collectingLogger } from '../../support/logger.ts';

const tick = (ms = 10) => new Promise((resolve) => setTimeout(resolve, ms));

function shutdownFor(timeoutMs = 1_000, logger = collectingLogger('info').logger) {
  const target = new EventEmitter();
  const exits: number[] = [];
  const shutdown = createShutdown(logger, { timeoutMs, exit: (code) => void exits.push(code), target });
  return { target, exits, shutdown };
}

describe('stopping', () => {
  it('runs the steps in order on SIGTERM and exits 0', async () => {
    const { target, exits, shutdown } = shutdownFor();
    const ran: string[] = [];
    shutdown.ready([{ name: 'http', run: async () => void ran.push('http') }, { name: 'database', run: async () => void ran.push('database') }]);
    target.emit('SIGTERM');
    await tick();
    expect(ran).toEqual(['http', 'database']);
    expect(exits).toEqual([0]);
  });

  it('honours a signal that came during start-up, as soon as the service is up', async () => {
    const { target, exits, shutdown } = shutdownFor();
    target.emit('SIGTERM');
    await tick();
    expect(exits).toEqual([]);
    shutdown.ready([{ name: 'http', run: async () => undefined }]);
    await tick();
    expect(exits).toEqual([0]);
  });

  it('exits 1 naming the step when the stop does not finish in time', async () => {
    const { logger, lines } = collectingLogger('info');
    const { target, exits, shutdown } = shutdownFor(100, logger);
    shutdown.ready([{ name: 'dispatcher', run: () => new Promise(() => undefined) }]);
    target.emit('SIGTERM');
    await tick(200);
    expect(exits).toEqual([1]);
    expect(lines()).toContainEqual(expect.objectContaining({ msg: 'the stop did not finish in time; exiting', step: 'dispatcher' }));
  });

  it('exits 1 after a failed step, and at once on a second signal', async () => {
    const failing = shutdownFor();
    failing.shutdown.ready([{ name: 'jobs', run: async () => Promise.reject(new Error('boom')) }]);
    failing.target.emit('SIGTERM');
    await tick();
    expect(failing.exits).toEqual([1]);

    const hanging = shutdownFor(10_000);
    hanging.shutdown.ready([{ name: 'http', run: () => new Promise(() => undefined) }]);
    hanging.target.emit('SIGTERM');
    hanging.target.emit('SIGINT');
    expect(hanging.exits).toEqual([1]);
  });

  it('still exits when no log line can be written', async () => {
    const broken = createLogger('info', { write: () => { throw Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }); } });
    const { target, exits, shutdown } = shutdownFor(1_000, broken);
    shutdown.ready([{ name: 'http', run: async () => undefined }]);
    target.emit('SIGTERM');
    await tick();
    expect(exits).toEqual([0]);
  });
});

describe('errors nobody handled', () => {
  it('logs a failed promise (once a minute at most), counts it, and goes on', () => {
    const { logger, lines } = collectingLogger('info');
    const target = new EventEmitter();
    const metrics = createMetrics();
    const fatal: string[] = [];
    guardProcess(logger, (reason) => void fatal.push(reason), { metrics, target, streams: [] });
    for (let i = 0; i < 3; i += 1) target.emit('unhandledRejection', new Error('forgotten'));
    expect(lines().filter((line) => line.msg === 'a failure nobody handled (a bug); the bot goes on')).toHaveLength(1);
    expect(fatal).toEqual([]);
  });

  it('stops the service in order on an exception that reached the top', () => {
    const target = new EventEmitter();
    const fatal: string[] = [];
    guardProcess(collectingLogger('info').logger, (reason) => void fatal.push(reason), { target, streams: [] });
    target.emit('uncaughtException', new Error('bug'));
    expect(fatal).toEqual(['uncaught exception']);
  });

  it('ignores errors of a stdout nobody reads any more', () => {
    const stdout = new EventEmitter();
    guardProcess(collectingLogger('info').logger, () => undefined, { target: new EventEmitter(), streams: [stdout] });
    expect(() => stdout.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))).not.toThrow();
  });
});

describe('an outage', () => {
  it('is logged once when it begins and once when it ends, and the wait grows while it lasts', () => {
    const { logger, lines } = collectingLogger('info');
    const outage = new Outage(logger, 'database', 'outbox dispatcher', { baseMs: 100, maxMs: 1_000 });
    for (let i = 0; i < 5; i += 1) outage.failed(new Error('Connection terminated unexpectedly'));
    expect([outage.backoffMs(), outage.backoffMs(), outage.backoffMs(), outage.backoffMs(), outage.backoffMs()]).toEqual([100, 200, 400, 800, 1_000]);
    outage.ok();
    outage.ok();
    expect(lines().map((line) => line.msg)).toEqual(['database unavailable; outbox dispatcher keeps trying', 'database available again; outbox dispatcher goes on']);
    expect(outage.backoffMs()).toBe(0);
  });
});
