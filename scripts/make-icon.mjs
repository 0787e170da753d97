#!/usr/bin/env node
// Draws the extension's icon, media/icon.png (256×256 RGBA), with no image library: three image layers
// stacked like a Dockerfile's, and a check mark, on a blue rounded square. Each pixel is the average of
// 8×8 samples, so edges are smooth. The Marketplace refuses SVG icons, hence a PNG.
//
//   node scripts/make-icon.mjs [out.png]
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const SIZE = 256;
const SAMPLES = 8;
const out = process.argv[2] ?? path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');

const inRoundedRect = (x, y, [left, top, right, bottom, radius]) => {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};
const inCircle = (x, y, [cx, cy, r]) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
/** Within `width / 2` of the segment a→b (a stroke with round caps). */
const nearSegment = (x, y, [ax, ay, bx, by, width]) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= (width / 2) ** 2;
};
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];

const TOP = hex('#1f78d1');
const BOTTOM = hex('#0b3f8c');
const LAYERS = [
  { rect: [40, 72, 168, 106, 10], color: hex('#b9d8ff') },
  { rect: [40, 116, 168, 150, 10], color: hex('#dcecff') },
  { rect: [40, 160, 168, 194, 10], color: hex('#ffffff') },
];
const BADGE = [184, 178, 50];
const BADGE_RING = [184, 178, 60];
const GREEN = hex('#22a06b');
const CHECK = [
  [160, 180, 178, 198, 15],
  [178, 198, 208, 160, 15],
];

/** The colour (and whether it is inside the icon) at one sample point. */
function sample(x, y) {
  if (!inRoundedRect(x, y, [0, 0, SIZE, SIZE, 52])) return null;
  const t = y / SIZE;
  let color = TOP.map((c, i) => c + (BOTTOM[i] - c) * t);
  const underBadge = inCircle(x, y, BADGE_RING);
  for (const layer of LAYERS) if (!underBadge && inRoundedRect(x, y, layer.rect)) color = layer.color;
  if (inCircle(x, y, BADGE)) color = GREEN;
  if (CHECK.some((s) => nearSegment(x, y, s))) color = [255, 255, 255];
  return color;
}

const pixels = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    const sum = [0, 0, 0];
    let covered = 0;
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = sample(px + (sx + 0.5) / SAMPLES, py + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        covered++;
        for (let i = 0; i < 3; i++) sum[i] += c[i];
      }
    }
    const o = (py * SIZE + px) * 4;
    if (covered) for (let i = 0; i < 3; i++) pixels[o + i] = Math.round(sum[i] / covered);
    pixels[o + 3] = Math.round((255 * covered) / (SAMPLES * SAMPLES));
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr.set([8, 6, 0, 0, 0], 8); // 8 bits per channel, RGBA, deflate, adaptive filters, no interlace
const rows = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  // Filter "Sub" (1) on every row: the flat areas become runs of zeros.
  const o = y * (SIZE * 4 + 1);
  rows[o] = 1;
  for (let x = 0; x < SIZE * 4; x++)
    rows[o + 1 + x] = (pixels[y * SIZE * 4 + x] - (x >= 4 ? pixels[y * SIZE * 4 + x - 4] : 0)) & 0xff;
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', zlib.deflateSync(rows, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(out, png);
console.log(`wrote ${out} (${SIZE}x${SIZE}, ${png.length} bytes)`);
