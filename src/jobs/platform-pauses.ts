// Which platforms are paused, as every instance sees them (one row per paused platform in the
// database), and the breaker that pauses a platform that keeps failing. A pause is logged once
// (by the instance that started it), shown as a metric and in /healthz, and told to the admins
// on what still works; a probe, with a growing wait between probes, ends it.
import { reportPlatformStatus, type PlatformStatusEvent } from '../app/report-platform-status.ts';
import type { Platform } from '../domain/vocabulary.ts';
import { safeError, type Logger } from '../logger.ts';
import type { Metrics } from '../metrics.ts';
import type { AppContext, DispatchStore, PlatformPause } from '../ports.ts';

export interface PauseOptions {
  /** Wait before the first probe; it doubles with every failed probe, up to probeMaxMs. */
  probeBaseMs: number;
  probeMaxMs: number;
  /** Transient failures in a row (with no success between) that pause a platform as unreachable. */
  breakerThreshold: number;
}

export const DEFAULT_PAUSE_OPTIONS: PauseOptions = { probeBaseMs: 30_000, probeMaxMs: 15 * 60_000, breakerThreshold: 10 };

export class PlatformPauses {
  private current = new Map<Platform, PlatformPause>();
  private readonly failuresInRow = new Map<Platform, number>();

  constructor(
    private readonly ctx: AppContext,
    private readonly store: DispatchStore,
    private readonly platforms: readonly Platform[],
    private readonly logger: Logger,
    private readonly options: PauseOptions,
    private readonly metrics: Metrics | undefined,
    private readonly kick: () => void,
  ) {}

  isPaused(platform: Platform): boolean {
    return this.current.has(platform);
  }

  /** The pauses as this instance last saw them. */
  list(): PlatformPause[] {
    return [...this.current.values()];
  }

  /** Reads the shared pauses (every pass); returns the ones whose probe is due. */
  async refresh(now: Date): Promise<PlatformPause[]> {
    const rows = await this.store.pausedPlatforms();
    this.current = new Map(rows.map((row) => [row.platform, row]));
    for (const platform of this.platforms) this.metrics?.platformPaused.set({ platform }, this.current.has(platform) ? 1 : 0);
    return rows.filter((row) => row.probeAt <= now && this.platforms.includes(row.platform));
  }

  /** Pauses the platform (if no instance has yet) and tells whoever should know. */
  async pause(platform: Platform, errorClass: 'platform' | 'unreachable', reason: string): Promise<void> {
    const now = this.ctx.clock.now();
    const pause = { platform, errorClass, reason, pausedAt: now, probeAt: new Date(now.getTime() + this.options.probeBaseMs) };
    this.current.set(platform, { ...pause, probes: 0 });
    this.failuresInRow.delete(platform);
    this.metrics?.platformPaused.set({ platform }, 1);
    if (!(await this.store.pause(pause))) return;
    this.logger.error({ platform, errorClass, reason }, `sending to ${platform} is paused: its messages wait until a probe succeeds`);
    await this.tell({ platform, state: errorClass === 'platform' ? 'paused' : 'unreachable', reason, since: now });
  }

  /** When the probe after this many failed ones may run. */
  nextProbeAt(now: Date, probes: number): Date {
    return new Date(now.getTime() + Math.min(this.options.probeMaxMs, this.options.probeBaseMs * 2 ** Math.min(probes, 20)));
  }

  /** Ends the pause (if it still holds) and tells whoever should know. */
  async resume(platform: Platform): Promise<void> {
    this.current.delete(platform);
    this.failuresInRow.delete(platform);
    this.metrics?.platformPaused.set({ platform }, 0);
    const ended = await this.store.resume(platform);
    if (!ended) return;
    const seconds = Math.round((this.ctx.clock.now().getTime() - ended.pausedAt.getTime()) / 1000);
    this.logger.info({ platform, seconds }, `sending to ${platform} has resumed`);
    await this.tell({ platform, state: 'resumed', reason: '', since: ended.pausedAt });
  }

  succeeded(platform: Platform): void {
    this.failuresInRow.delete(platform);
  }

  /** Counts a transient failure; true when this one trips the breaker. */
  failedTransiently(platform: Platform): boolean {
    const count = (this.failuresInRow.get(platform) ?? 0) + 1;
    this.failuresInRow.set(platform, count);
    return count >= this.options.breakerThreshold;
  }

  /** A message refused as written: admins are told once per platform, reason and day. */
  async refused(platform: Platform, reason: string): Promise<void> {
    const day = new Date(this.ctx.clock.now().toISOString().slice(0, 10));
    await this.tell({ platform, state: 'refused', reason, since: day });
  }

  private async tell(event: PlatformStatusEvent): Promise<void> {
    const working = this.platforms.filter((platform) => !this.current.has(platform));
    try {
      if ((await reportPlatformStatus(this.ctx, event, working)) > 0) this.kick();
    } catch (error) {
      this.logger.error({ err: safeError(error), platform: event.platform, state: event.state }, 'could not tell the admins about a platform');
    }
  }
}
