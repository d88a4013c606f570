import { RE2JS } from 're2js';
const F = RE2JS.CASE_INSENSITIVE;
const pats = ['[^z]{0,999}'.repeat(16) + '!', '(?:[ab]{0,999}c?){1}'.repeat(9), '\\w{999}\\W'.repeat(1), '(?:\\w{0,999}\\s?){1}'.repeat(8)+'!' , '[\\p{L}\\p{N}]{999}!'.repeat(9)];
for (const n of [10000, 50000]) {
  const text = 'ab'.repeat(n/2);
  for (const p of pats) {
    const t0 = performance.now();
    let r; try { r = RE2JS.compile(p, F); } catch (e) { console.log(p.slice(0,30), 'ERR', e.message); continue; }
    const t1 = performance.now(); const v = r.test(text); const t2 = performance.now();
    console.log(n, p.slice(0,30), p.length, 'compile', (t1-t0).toFixed(0), 'test', (t2-t1).toFixed(0), v, r.programSize());
  }
}
