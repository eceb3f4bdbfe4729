// The outbox keys of a week's digest in a channel: the main card, then the chart. One key per
// channel × ISO week, so the digest can never be queued twice.

export function digestMessageKey(channelId: string, isoWeek: string, part: 'card' | 'chart'): string {
  return `digest:${channelId}:${isoWeek}:${part}`;
}
