// Reliability diagram of one field: predicted confidence (x) against how often values were right (y), one bar per
// confidence bin with its count; the diagonal is perfect calibration and the dashed line the write threshold.
import { createCanvas } from '@napi-rs/canvas';
import type { FieldStats } from './calibration-report.js';

const W = 480;
const H = 420;
const PAD = { left: 56, right: 16, top: 40, bottom: 52 };

export async function reliabilityPng(field: string, stats: FieldStats, threshold: number, label: string): Promise<Buffer> {
  const canvas = createCanvas(W, H);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, W, H);
  const pw = W - PAD.left - PAD.right;
  const ph = H - PAD.top - PAD.bottom;
  const x = (v: number) => PAD.left + v * pw;
  const y = (v: number) => PAD.top + (1 - v) * ph;

  g.strokeStyle = '#dddddd';
  g.lineWidth = 1;
  g.font = '11px sans-serif';
  g.fillStyle = '#444444';
  for (let i = 0; i <= 10; i += 2) {
    const v = i / 10;
    g.beginPath();
    g.moveTo(x(0), y(v));
    g.lineTo(x(1), y(v));
    g.stroke();
    g.textAlign = 'right';
    g.fillText(v.toFixed(1), x(0) - 6, y(v) + 4);
    g.textAlign = 'center';
    g.fillText(v.toFixed(1), x(v), y(0) + 16);
  }

  // bars: observed accuracy per bin, labelled with the number of values in it
  for (const b of stats.bins) {
    if (b.n === 0) continue;
    const acc = b.right / b.n;
    g.fillStyle = 'rgba(52, 101, 164, 0.75)';
    g.fillRect(x(b.lo) + 2, y(acc), x(b.hi) - x(b.lo) - 4, y(0) - y(acc));
    g.fillStyle = '#e07b00';
    g.beginPath();
    g.arc(x(b.meanConf), y(b.meanConf), 3, 0, Math.PI * 2);
    g.fill();
    g.fillStyle = '#222222';
    g.textAlign = 'center';
    g.fillText(`n=${b.n}`, (x(b.lo) + x(b.hi)) / 2, Math.max(PAD.top + 10, y(acc) - 4));
  }
  g.strokeStyle = '#888888';
  g.beginPath();
  g.moveTo(x(0), y(0));
  g.lineTo(x(1), y(1));
  g.stroke();
  g.setLineDash([5, 4]);
  g.strokeStyle = '#c00000';
  g.beginPath();
  g.moveTo(x(threshold), y(0));
  g.lineTo(x(threshold), y(1));
  g.stroke();
  g.setLineDash([]);

  g.fillStyle = '#000000';
  g.textAlign = 'left';
  g.font = 'bold 13px sans-serif';
  const ece = stats.ece === null ? '-' : stats.ece.toFixed(3);
  const precision = stats.written ? `${((100 * stats.writtenRight) / stats.written).toFixed(0)}%` : '-';
  g.fillText(`${field} (${label})`, PAD.left, 16);
  g.font = '11px sans-serif';
  g.fillText(`ECE ${ece} · written ${stats.written}/${stats.truths} · written precision ${precision} · threshold ${threshold}`, PAD.left, 31);
  g.textAlign = 'center';
  g.fillText('predicted confidence (calibrated)', x(0.5), H - 12);
  g.save();
  g.translate(14, y(0.5));
  g.rotate(-Math.PI / 2);
  g.fillText('observed accuracy', 0, 0);
  g.restore();
  return canvas.encode('png');
}
