// npm run bench [-- api|streaming|search …] – speed targets measured, never asserted: the exit code is 0
// whatever the numbers. Needs the production build first (`npm run build`, or NEXT_DIST_DIR=… for a
// private copy; the env passes through to the spawned server). Loopback only, every loop bounded in time.
import { runApi } from './api';
import { runChat } from './chat';
import { runSearch } from './search';
import { runStreaming } from './streaming';
import { runVoice } from './voice';
import { runVoiceBrowser } from './voice-browser';
import type { SuiteResult } from './util';

const suites: Record<string, () => Promise<SuiteResult>> = {
  api: runApi,
  streaming: runStreaming,
  search: runSearch,
  chat: runChat,
  voice: runVoice,
  'voice-browser': runVoiceBrowser,
};
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in suites));
if (unknown.length) {
  console.error(`unknown suite(s): ${unknown.join(', ')} (known: ${Object.keys(suites).join(', ')})`);
  process.exit(2);
}
const names = wanted.length ? wanted : Object.keys(suites);
const started = performance.now();
const summary: string[] = [];

for (const name of names) {
  const t0 = performance.now();
  console.log(`\n=== ${name} ===`);
  try {
    const result = await suites[name]!();
    for (const line of result.lines) console.log(line);
    for (const note of result.notes ?? []) console.log(`  note: ${note}`);
    if (result.checks.length) console.log(`\nratios vs targets (${name})`);
    for (const c of result.checks) {
      const ok = c.higherIsBetter ? c.value >= c.target : c.value <= c.target;
      const unit = c.unit ?? '×';
      const mark = c.info ? '·' : ok ? '✓' : '✗';
      const line = `  ${mark} ${c.name.padEnd(44)} ${c.value.toFixed(unit === '×' ? 3 : 1).padStart(8)}${unit}  (${c.info ? 'reference' : 'target'} ${c.higherIsBetter ? '≥' : '≤'} ${c.target}${unit})`;
      console.log(line);
      summary.push(line);
    }
  } catch (err) {
    const line = `  ✗ ${name}: suite did not complete: ${err instanceof Error ? err.message : String(err)}`;
    console.log(line);
    summary.push(line);
  }
  console.log(`  (${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}

console.log(`\n=== summary (${((performance.now() - started) / 1000).toFixed(0)} s) ===`);
for (const line of summary) console.log(line);
// Benchmarks measure; they never fail the build.
process.exit(0);
