// UUIDv7 ids that grow within one process, even within one millisecond (RFC 9562, method 1: a
// 12-bit counter in rand_a). Outbox rows are sent in id order among rows due at the same
// moment, so the lines one change writes reach a thread in the order they were written.
import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

export function orderedUuid(nowMs: number = Date.now()): string {
  let ms = nowMs;
  if (ms <= lastMs) {
    ms = lastMs;
    counter += 1;
    if (counter > 0xfff) {
      ms += 1;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  const bytes = randomBytes(16);
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (counter >> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
