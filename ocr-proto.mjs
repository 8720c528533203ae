import Tesseract from 'tesseract.js';
import { normalize } from "./pre.mjs";
import { PNG } from 'pngjs';
import fs from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const langPath = require('path').join(require('path').dirname(require.resolve('@tesseract.js-data/eng/package.json')), '4.0.0_best_int');

function contrastImage(buf, win = 15) {
  const png = PNG.sync.read(buf);
  const { width: w, height: h, data } = png;
  const L = new Float32Array(w * h);
  for (let i = 0; i < w * h; i++) L[i] = 0.299 * data[4*i] + 0.587 * data[4*i+1] + 0.114 * data[4*i+2];
  // integral image
  const I = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) { let row = 0; for (let x = 0; x < w; x++) { row += L[y*w+x]; I[(y+1)*(w+1)+x+1] = I[y*(w+1)+x+1] + row; } }
  const out = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const x0 = Math.max(0, x - win), x1 = Math.min(w, x + win + 1), y0 = Math.max(0, y - win), y1 = Math.min(h, y + win + 1);
    const mean = (I[y1*(w+1)+x1] - I[y0*(w+1)+x1] - I[y1*(w+1)+x0] + I[y0*(w+1)+x0]) / ((x1-x0)*(y1-y0));
    const d = Math.abs(L[y*w+x] - mean);
    const v = Math.max(0, 255 - d * 3);
    const o = 4*(y*w+x); out.data[o] = out.data[o+1] = out.data[o+2] = v; out.data[o+3] = 255;
  }
  return PNG.sync.write(out);
}

const worker = await Tesseract.createWorker('eng', Tesseract.OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none', errorHandler: (e) => console.error('ERR', e) });
await worker.setParameters({ tessedit_pageseg_mode: Tesseract.PSM.AUTO, user_defined_dpi: process.env.DPI ?? '96' });
for (const f of ['form', 'canvas']) {
  const raw = fs.readFileSync(`/tmp/proto/${f}.png`);
  for (const [label, img] of [['raw', raw], ['contrast', normalize(raw)]]) {
    if (label === 'contrast') fs.writeFileSync(`/tmp/proto/${f}-contrast.png`, img);
    const t = performance.now();
    const { data } = await worker.recognize(img, {}, { blocks: true, text: true });
    const words = data.blocks.flatMap(b => b.paragraphs.flatMap(p => p.lines.flatMap(l => l.words)));
    console.log(f, label, Math.round(performance.now() - t), 'ms', words.map(w => `${w.text}:${Math.round(w.confidence)}`).join(' '));
  }
}
await worker.terminate();
