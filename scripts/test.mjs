// npm test – the whole suite: unit, a production build, integration (PGlite, then PostgreSQL when
// TEST_DATABASE_URL is set), and end-to-end in Chromium. Ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.tmp', { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
const steps = [];
let ok = true;

function run(name, command, args, env = {}) {
  console.log(`\n━━ ${name}`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const passed = result.status === 0;
  steps.push({ name, passed, seconds: Math.round((Date.now() - started) / 1000) });
  if (!passed) ok = false;
  return passed;
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const r = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += r.numPassedTests;
  totals.failed += r.numFailedTests;
  totals.skipped += r.numPendingTests + (r.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += stats.expected + (stats.flaky ?? 0);
  totals.failed += stats.unexpected;
  totals.skipped += stats.skipped;
}

function vitest(name, project, output, env) {
  rmSync(output, { force: true });
  run(name, 'npx', ['vitest', 'run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile=${output}`], env);
  countVitest(output);
}

vitest('unit tests', 'unit', '.tmp/unit-results.json');
const built = run('build', 'npm', ['run', 'build']);
if (built) {
  vitest('integration tests (PGlite)', 'integration', '.tmp/integration-pglite.json', { SKIP_BUILD: 'true', TEST_DATABASE_URL: '' });
  if (process.env.TEST_DATABASE_URL) {
    vitest('integration tests (PostgreSQL)', 'integration', '.tmp/integration-postgres.json', { SKIP_BUILD: 'true' });
  } else {
    console.log('\n(TEST_DATABASE_URL not set: integration tests on PostgreSQL skipped)');
  }
  rmSync('.tmp/e2e-results.json', { force: true });
  run('end-to-end tests (Chromium)', 'npx', ['playwright', 'test']);
  countPlaywright('.tmp/e2e-results.json');
}

console.log('\n━━ summary');
for (const s of steps) console.log(`${s.passed ? '✓' : '✗'} ${s.name} (${s.seconds} s)`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok ? 0 : 1);
