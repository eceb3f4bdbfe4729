#!/usr/bin/env node
// Writes the Teams app icons (manifests/teams/color.png 192×192, outline.png 32×32: white on
// transparent, as Teams requires) with Node's zlib only. Run once after changing the design.
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

function png(size, pixel) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x += 1) row.set(pixel(x / size, y / size), 1 + x * 4);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** A graduation-cap-like mark: a diamond over a bar. */
function mark(x, y) {
  const diamond = Math.abs(x - 0.5) + Math.abs(y - 0.42) < 0.28;
  const bar = y > 0.6 && y < 0.72 && Math.abs(x - 0.5) < 0.18;
  return diamond || bar;
}

const dir = new URL('../manifests/teams/', import.meta.url);
writeFileSync(new URL('color.png', dir), png(192, (x, y) => (mark(x, y) ? [255, 255, 255, 255] : [29, 53, 87, 255])));
writeFileSync(new URL('outline.png', dir), png(32, (x, y) => (mark(x, y) ? [255, 255, 255, 255] : [0, 0, 0, 0])));
console.log('wrote manifests/teams/color.png and outline.png');
