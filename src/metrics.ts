// Prometheus metrics for operators (GET /metrics): what is paused, what fails, what is refused,
// and the process' own figures (memory, event-loop lag). Counts and states only, never a person.
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  /** 1 while a platform is paused (this instance's view), else 0. */
  platformPaused: Gauge<'platform'>;
  /** Messages sent, retried, given up, refused as written, by platform and outcome. */
  outbox: Counter<'platform' | 'outcome'>;
  /** Platform requests recorded, refused for load, refused while the database is down, replayed. */
  inbox: Counter<'platform' | 'outcome'>;
  /** Requests being worked on now (recorded and not yet done). */
  inboxActive: Gauge<'platform'>;
  /** Failures of the database seen by background work, by what was doing it. */
  databaseFailures: Counter<'component'>;
  /** Errors nobody awaited (a bug; the process goes on). */
  unhandledRejections: Counter;
}

/** A registry of its own per service, so tests can run several services in one process. */
export function createMetrics(options: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (options.defaults) collectDefaultMetrics({ register: registry, prefix: 'alumni_' });
  const registers = [registry];
  return {
    registry,
    platformPaused: new Gauge({ name: 'alumni_platform_paused', help: '1 while sending to the platform is paused', labelNames: ['platform'], registers }),
    outbox: new Counter({ name: 'alumni_outbox_messages_total', help: 'Outbox messages by outcome', labelNames: ['platform', 'outcome'], registers }),
    inbox: new Counter({ name: 'alumni_inbox_requests_total', help: 'Platform requests by outcome at the inbox', labelNames: ['platform', 'outcome'], registers }),
    inboxActive: new Gauge({ name: 'alumni_inbox_active', help: 'Platform requests being worked on', labelNames: ['platform'], registers }),
    databaseFailures: new Counter({ name: 'alumni_database_failures_total', help: 'Database failures seen by background work', labelNames: ['component'], registers }),
    unhandledRejections: new Counter({ name: 'alumni_unhandled_rejections_total', help: 'Promise rejections nobody handled', registers }),
  };
}
