// Draws a card's chart (grouped bars: one group per label, one colour per series) as a PNG on
// the server, without a browser: @napi-rs/canvas (Skia, prebuilt for each platform from npm).
// Text uses the system's sans-serif font (DejaVu Sans on Debian); see the README.
import type { SKRSContext2D } from '@napi-rs/canvas';
import type { CardChart } from '../domain/cards.ts';

type Canvas = typeof import('@napi-rs/canvas');
let skia: Canvas | undefined;
/** Skia (about 15 MB resident) is loaded by the first chart drawn, not at start: most processes never draw one. */
function canvasModule(): Canvas {
  skia ??= require('@napi-rs/canvas') as Canvas;
  return skia;
}

export const CHART_SIZE = { width: 600, height: 270 } as const;
const COLOURS = ['#2f6fb3', '#e08a2e', '#3a9a5b', '#9a4fb3'];
const FONT = 'DejaVu Sans, Arial, Helvetica, sans-serif';
const PLOT = { left: 44, right: 16, top: 40, bottom: 58 };

const TICKS = 4;

/** The axis maximum: four whole, round steps (1, 2, 5 × 10ⁿ) reaching the largest value. */
export function niceMax(value: number): number {
  const raw = Math.max(1, value / TICKS);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((factor) => factor * power).find((candidate) => candidate >= raw) ?? 10 * power;
  return Math.max(1, Math.ceil(step)) * TICKS;
}

function drawAxes(g: SKRSContext2D, max: number, plotWidth: number, plotHeight: number): void {
  g.strokeStyle = '#d0d7de';
  g.fillStyle = '#57606a';
  g.font = `11px ${FONT}`;
  g.textAlign = 'right';
  g.textBaseline = 'middle';
  for (let tick = 0; tick <= TICKS; tick += 1) {
    const y = Math.round(PLOT.top + plotHeight - (tick / TICKS) * plotHeight) + 0.5;
    g.beginPath();
    g.moveTo(PLOT.left, y);
    g.lineTo(PLOT.left + plotWidth, y);
    g.stroke();
    g.fillText(String((max * tick) / TICKS), PLOT.left - 6, y);
  }
}

function drawLegend(g: SKRSContext2D, chart: CardChart, y: number): void {
  g.font = `12px ${FONT}`;
  g.textAlign = 'left';
  g.textBaseline = 'middle';
  let x = PLOT.left;
  chart.series.forEach((series, index) => {
    g.fillStyle = COLOURS[index % COLOURS.length]!;
    g.fillRect(x, y - 5, 10, 10);
    g.fillStyle = '#24292f';
    g.fillText(series.name, x + 14, y);
    x += 24 + g.measureText(series.name).width;
  });
}

/** The title on one line: smaller type for a long one, and cut with "…" if it still does not fit. */
function drawTitle(g: SKRSContext2D, title: string, room: number): void {
  g.fillStyle = '#24292f';
  g.textBaseline = 'top';
  let size = 14;
  g.font = `bold ${size}px ${FONT}`;
  while (size > 10 && g.measureText(title).width > room) g.font = `bold ${(size -= 1)}px ${FONT}`;
  let text = title;
  while (text.length > 1 && g.measureText(text).width > room) text = `${text.slice(0, -2)}…`;
  g.fillText(text, PLOT.left, 12);
}

/** The chart as PNG bytes. */
export function renderChartPng(chart: CardChart): Buffer {
  const { width, height } = CHART_SIZE;
  const canvas = canvasModule().createCanvas(width, height);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, width, height);
  drawTitle(g, chart.title, width - PLOT.left - PLOT.right);
  const plotWidth = width - PLOT.left - PLOT.right;
  const plotHeight = height - PLOT.top - PLOT.bottom;
  const max = niceMax(Math.max(0, ...chart.series.flatMap((series) => series.values)));
  drawAxes(g, max, plotWidth, plotHeight);
  const groupWidth = plotWidth / Math.max(1, chart.labels.length);
  const barWidth = (groupWidth * 0.8) / Math.max(1, chart.series.length);
  chart.labels.forEach((label, index) => {
    const x0 = PLOT.left + index * groupWidth + groupWidth * 0.1;
    chart.series.forEach((series, s) => {
      const value = series.values[index] ?? 0;
      const h = Math.round((value / max) * plotHeight);
      g.fillStyle = COLOURS[s % COLOURS.length]!;
      g.fillRect(Math.round(x0 + s * barWidth), PLOT.top + plotHeight - h, Math.max(1, Math.floor(barWidth) - 1), h);
    });
    g.fillStyle = '#57606a';
    g.font = `11px ${FONT}`;
    g.textAlign = 'center';
    g.textBaseline = 'top';
    g.fillText(label, x0 + (groupWidth * 0.8) / 2, PLOT.top + plotHeight + 6);
  });
  drawLegend(g, chart, height - 16);
  return canvas.toBuffer('image/png');
}
