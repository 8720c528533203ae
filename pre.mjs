import { PNG } from 'pngjs';
export function normalize(buf, r = 12, frac = 0.5) {
  const png = PNG.sync.read(buf);
  const { width: w, height: h, data } = png;
  const L = new Uint8Array(w * h);
  for (let i = 0; i < w * h; i++) L[i] = (0.299 * data[4*i] + 0.587 * data[4*i+1] + 0.114 * data[4*i+2]) | 0;
  const W = w + 1;
  const C = new Int32Array(W * (h + 1)); const S = new Float64Array(W * (h + 1)); const T = new Float64Array(W * (h + 1));
  for (let y = 0; y < h; y++) { let c = 0, s = 0, t = 0; for (let x = 0; x < w; x++) { const l = L[y*w+x]; if (l < 128) { c++; s += l; } t += l; const k = (y+1)*W+x+1; C[k] = C[k-W] + c; S[k] = S[k-W] + s; T[k] = T[k-W] + t; } }
  const box = (A, x0, y0, x1, y1) => A[y1*W+x1] - A[y0*W+x1] - A[y1*W+x0] + A[y0*W+x0];
  const out = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r), y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r), x1 = Math.min(w, x + r + 1);
      const area = (x1-x0)*(y1-y0);
      const dark = box(C, x0, y0, x1, y1);
      const darkSum = box(S, x0, y0, x1, y1);
      const l = L[y*w+x];
      let v;
      if (dark > frac * area) { const bg = 255 - darkSum / dark; v = (255 - l) * 255 / Math.max(bg, 1); }
      else { const light = area - dark; const bg = (box(T, x0, y0, x1, y1) - darkSum) / Math.max(light, 1); v = l * 255 / Math.max(bg, 1); }
      v = v > 255 ? 255 : v;
      const o = 4*(y*w+x); out.data[o] = out.data[o+1] = out.data[o+2] = v; out.data[o+3] = 255;
    }
  }
  return PNG.sync.write(out);
}
