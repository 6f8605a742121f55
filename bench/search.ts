// Search suite: GET /api/v1/search?q=…&type=tracks,products&limit=5 over 100k tracks (a third with a
// description, most with tags) and 100k products, on each engine: PostgreSQL (a fresh database
// talas_bench_<pid> on 127.0.0.1:5432, dropped at the end) and the embedded PGlite (a fresh DATA_DIR).
// Rows are seeded with SQL (generate_series over word lists) before the server starts, then VACUUM
// ANALYZE, as autovacuum would leave them; requests are sequential (concurrency 1) so the percentiles are
// per-request latency. Target (issue 4): p95 ≤ 30 ms. BENCH_SEARCH_ENGINES=postgres or =pglite runs one.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openDatabase, rowsOf, type Database } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { users } from '@/db/schema/users';
import type { AuthedCtx } from '@/lib/context';
import { explainSearch } from '@/lib/search/service';
import { format, load, type LoadResult } from './load';
import { benchUser, startApp, type SuiteResult } from './util';

const ROWS = Number(process.env.BENCH_SEARCH_ROWS ?? 100_000);
const SECONDS_PER_SET = Number(process.env.BENCH_SEARCH_SECONDS ?? 5);
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TARGET_MS = 30;
const engines = ['postgres', 'pglite'] as const;
type Engine = (typeof engines)[number];

const adjectives = ['Midnight', 'Golden', 'Velvet', 'Silent', 'Electric', 'Crystal', 'Lunar', 'Neon', 'Distant', 'Hollow', 'Frozen', 'Burning', 'Secret', 'Endless', 'Fading', 'Wild', 'Éthérée', 'Rêveuse', 'Nocturne', 'Señorita', 'Amber', 'Broken', 'Solar', 'Deep', 'Analog'];
const nouns = ['Synthesis', 'Horizon', 'Echoes', 'Garden', 'Signal', 'Dreams', 'Tide', 'Machine', 'Pulse', 'Waves', 'Voyage', 'Mirage', 'Skyline', 'Drift', 'Cathedral', 'Circuit', 'Électronique', 'Lumière', 'Mañana', 'Orbit', 'Reverie', 'Static', 'Harbour', 'Fever', 'Bloom'];
const artists = ['Nova Pulse', 'The Static Birds', 'Léa Fontaine', 'DJ Kestrel', 'Moonshine Unit', 'Björn Ström', 'Glass Harbour', 'Ocean Relay', 'Sofía Márquez', 'Low Orbit', 'Kid Analog', 'Velvet Engine', 'Hélène Roux', 'Midnight Tapes', 'Paper Satellites', 'Zoë Park', 'Chrome Tigers', 'Aurora Field', 'Jürgen Weiss', 'Signal Fires'];
const genres = ['electronic', 'ambient', 'techno', 'house', 'synthwave', 'jazz', 'rock', 'pop', 'électronique', 'hip hop', 'drum and bass', 'classical'];
const places = ['in Berlin', 'at home', 'live in Lyon', 'in a church in Reykjavík', 'in São Paulo', 'on the road', 'in a Montréal basement'];
const gear = ['a modular synthesizer', 'an old tape machine', 'vinyl samples', 'a field recorder', 'a drum machine', 'a grand piano', 'a vocoder'];
const tagNames = ['lofi', 'chill', 'dark', 'vinyl', 'field recording', 'live', 'remix', 'instrumental', 'vocals', 'analog', 'experimental', 'dance', 'night', 'summer', 'cinematic', 'minimal', 'dub', 'acoustic', 'retro', 'dreamy'];
const brands = ['Roland', 'Korg', 'Moog', 'Yamaha', 'Elektron', 'Behringer', 'Arturia', 'Sequential', 'Novation', 'Teenage Engineering', 'Nord', 'Akai', 'Native Instruments', 'Focusrite', 'Universal Audio', 'Neumann', 'Shure', 'Sennheiser', 'Genelec', 'Müller Audio'];
const productKinds = ['Synthesizer', 'Drum Machine', 'Sampler', 'Mixer', 'Compressor', 'Audio Interface', 'Studio Monitor', 'Microphone', 'Headphones', 'MIDI Controller', 'Sequencer', 'Effects Pedal', 'Préampli', 'Groovebox', 'Vocoder'];
const productSeries = ['Pro', 'Mini', 'Mk II', 'Studio', 'XL', 'One', 'Analog', 'Live', 'Classic', 'Série Noire', 'Digital', 'Compact'];

/** Term sets: each runs sequentially (concurrency 1) for SECONDS_PER_SET, cycling its terms. */
const termSets: [string, string[]][] = [
  ['full words', ['moog', 'midnight', 'sampler', 'horizon', 'roland']],
  ['prefixes', ['syn', 'synt', 'noct', 'elek', 'hori', 'dr']],
  ['multi-word', ['midnight synt', 'moog synthesizer', 'velvet hori', 'roland drum machine']],
  ['accents folded', ['electronique', 'etheree', 'lumiere', 'bjorn']],
  ['typos', ['sinthesizer', 'midnigth', 'compresor', 'yamah']],
  ['tags, descriptions', ['vinyl', 'berlin', 'field recording']],
  ['no match', ['zzqxv', 'qwpzk', 'xylophonezz']],
];

const lit = (words: string[]) => `ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]::text[]`;
/** Picks from a word list by a hash of the row number `n` and a salt (deterministic, well spread). */
const pick = (words: string[], salt: number, n = 'i') =>
  `(${lit(words)})[1 + mod(hashint4(${n} * ${salt} + ${salt * 7})::bigint + 2147483648, ${words.length})::int]`;

/** Fills a migrated database: an owner, tracks with descriptions and tags, products; then VACUUM ANALYZE. */
async function seed(db: Database): Promise<void> {
  const run = (text: string) => db.execute(sql.raw(text));
  await run(`INSERT INTO users (username, email, password_hash) VALUES ('seed', 'seed@bench.test', 'not a hash')`);
  await run(`INSERT INTO tags (name) SELECT unnest(${lit(tagNames)})`);
  const batch = 25_000;
  for (let from = 1; from <= ROWS; from += batch) {
    const to = Math.min(ROWS, from + batch - 1);
    await run(`
      INSERT INTO tracks (user_id, title, artist, genre, description, duration, mime_type, size, storage_key, sha256, plays, likes)
      SELECT (SELECT id FROM users WHERE username = 'seed'),
             ${pick(adjectives, 3)} || ' ' || ${pick(nouns, 5)} || CASE WHEN i % 4 = 0 THEN ' (' || ${pick(adjectives, 11)} || ' Mix)' ELSE '' END,
             ${pick(artists, 13)},
             ${pick(genres, 17)},
             CASE WHEN i % 3 = 0 THEN 'Recorded ' || ${pick(places, 31)} || ' with ' || ${pick(gear, 37)} || '.' END,
             60 + (i % 420),
             'audio/wav',
             1000000 + (i % 9000000),
             'tracks/seed/bench-' || i || '.wav',
             md5(i::text) || md5((i + 1)::text),
             i % 1000,
             i % 100
      FROM generate_series(${from}, ${to}) AS i`);
    // Two tags for most tracks (the same one twice for some), none for every fifth.
    await run(`
      INSERT INTO track_tags (track_id, tag_id)
      SELECT DISTINCT t.id, g.id
      FROM tracks t
      CROSS JOIN LATERAL (VALUES (${pick(tagNames, 41, 't.id')}), (${pick(tagNames, 43, 't.id')})) AS p(name)
      JOIN tags g ON g.name = p.name
      WHERE t.storage_key LIKE 'tracks/seed/%' AND t.id BETWEEN ${from} AND ${to} AND t.id % 5 <> 0`);
    await run(`
      INSERT INTO products (name, brand, model, description, price, stock, status)
      SELECT ${pick(brands, 19)} || ' ' || ${pick(productKinds, 23)} || ' ' || ${pick(productSeries, 29)},
             ${pick(brands, 19)},
             upper(substr(md5(i::text), 1, 2)) || '-' || (100 + i % 900),
             'A ' || lower(${pick(productKinds, 23)}) || ' for the studio and the stage.',
             (19 + (i % 3000))::numeric(12,2),
             i % 50,
             'active'
      FROM generate_series(${from}, ${to}) AS i`);
  }
  await run('VACUUM ANALYZE');
}

async function count(db: Database, table: string): Promise<number> {
  const result = await db.execute(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
  const rows = rowsOf<{ n: number }>(result);
  return rows[0]!.n;
}

const loadavg = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

/** The scans a search statement really ran (skipped tiers left out) and its execution time. */
async function planSummaries(db: Database): Promise<string[]> {
  const [seed] = await db.select().from(users).where(eq(users.username, 'seed'));
  const ctx: AuthedCtx = { db, user: { ...seed!, sessionId: 0, familyId: '', via: 'bearer' } };
  const lines: string[] = [];
  for (const q of ['syn', 'moog synthesizer', 'vinyl', 'midnigth', 'zzqxv']) {
    for (const type of ['tracks', 'products'] as const) {
      const plan = await explainSearch(ctx, type, q, { analyze: true });
      const scans = plan
        .split('\n')
        .filter((line) => /(Index Only Scan|Index Scan|Bitmap Index Scan|Seq Scan) /.test(line) && !line.includes('never executed'))
        .map((line) => line.trim().replace(/^->\s*/, '').replace(/ \(actual.*$/, '').replace(/ on (\w+) \w+$/, ' on $1'));
      const time = /Execution Time: ([\d.]+)/.exec(plan)?.[1];
      lines.push(`plan ${type} "${q}": ${[...new Set(scans)].join(', ')}; executed in ${time} ms`);
    }
  }
  return lines;
}

interface Prepared {
  /** Starts the server on the seeded database. */
  start: () => ReturnType<typeof startApp>;
  cleanup: () => Promise<void>;
  notes: string[];
}

/** A migrated, seeded database for the engine, closed again so the server can open it. */
async function prepare(engine: Engine): Promise<Prepared | { skipped: string }> {
  const notes: string[] = [];
  let handle;
  let cleanup: () => Promise<void>;
  let start: Prepared['start'];
  if (engine === 'postgres') {
    const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
    try {
      await admin`SELECT 1`;
    } catch (err) {
      await admin.end({ timeout: 1 });
      return { skipped: `PostgreSQL at ${ADMIN_URL} is not reachable (${(err as Error).message})` };
    }
    const dbName = `talas_bench_${process.pid}`;
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
    const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
    cleanup = async () => {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
      await admin.end({ timeout: 2 });
    };
    handle = await openDatabase({ databaseUrl });
    start = () => startApp({ databaseUrl });
  } else {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'talas-bench-search-'));
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
    handle = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    start = () => startApp({ dataDir });
  }
  try {
    await runMigrations(handle);
    const t0 = performance.now();
    await seed(handle.db);
    const seconds = (performance.now() - t0) / 1000;
    notes.push(
      `${engine}: seeded ${await count(handle.db, 'tracks')} tracks (${await count(handle.db, 'track_tags')} tags) and ${await count(handle.db, 'products')} products in ${seconds.toFixed(0)} s`,
      ...(await planSummaries(handle.db)).map((line) => `${engine}: ${line}`),
    );
  } catch (err) {
    await handle.close();
    await cleanup();
    throw err;
  }
  await handle.close();
  return { start, cleanup, notes };
}

async function runEngine(engine: Engine): Promise<SuiteResult> {
  const prepared = await prepare(engine);
  if ('skipped' in prepared) return { lines: [`${engine}: skipped`], checks: [], notes: [prepared.skipped] };
  const notes = [...prepared.notes];
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    app = await prepared.start();
    const { token } = await benchUser(app.url);
    const headers = { authorization: `Bearer ${token}` };
    const url = (q: string) => `${app!.url}/api/v1/search?q=${encodeURIComponent(q)}&type=tracks,products&limit=5`;
    // One request per term, checked, so a broken endpoint is not measured as fast (and each connection's
    // statements are prepared before measuring).
    for (const [, terms] of termSets) {
      for (const q of terms) {
        const r = await fetch(url(q), { headers });
        const body = (await r.json()) as { data?: Record<string, unknown> };
        if (!r.ok) throw new Error(`search ${q} answered ${r.status}: ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
    const sample = await (await fetch(url('synt'), { headers })).json();
    notes.push(`${engine}: sample q=synt → ${JSON.stringify(sample).slice(0, 160)}…`);

    const lines = [`${engine}: GET /api/v1/search?type=tracks,products&limit=5, sequential, ${SECONDS_PER_SET} s per set (load average ${loadavg()})`];
    // The floor on this machine right now: an authenticated request that reads one row.
    const floor = await load(`${app.url}/api/v1/auth/me`, { seconds: 2, concurrency: 1, headers });
    lines.push(format('floor: GET /api/v1/auth/me', floor));
    const perSet: { name: string; p95: number }[] = [];
    for (const [name, terms] of termSets) {
      const results: LoadResult[] = [];
      for (const q of terms) {
        const result = await load(url(q), { seconds: SECONDS_PER_SET / terms.length, concurrency: 1, headers });
        results.push(result);
        lines.push(`  ${format(`"${q}"`, result)}`);
      }
      const merged = mergeResults(results);
      perSet.push({ name, p95: merged.p95 });
      lines.push(format(`${name}`, merged) + `   n ${merged.requests}`);
    }
    lines.push(`${engine}: load average at the end ${loadavg()}`);
    return {
      lines,
      checks: [
        { name: `${engine} floor p95, GET /auth/me`, value: floor.p95, target: TARGET_MS, higherIsBetter: false, unit: ' ms', info: true },
        ...perSet.map((x) => ({ name: `${engine} search p95, ${x.name}`, value: x.p95, target: TARGET_MS, higherIsBetter: false, unit: ' ms' })),
        {
          name: `${engine} search p95, worst term set`,
          value: Math.max(...perSet.map((x) => x.p95)),
          target: TARGET_MS,
          higherIsBetter: false,
          unit: ' ms',
        },
      ],
      notes,
    };
  } finally {
    await app?.stop();
    await prepared.cleanup();
  }
}

export async function runSearch(): Promise<SuiteResult> {
  const wanted = (process.env.BENCH_SEARCH_ENGINES ?? engines.join(','))
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  const unknown = wanted.filter((e) => !(engines as readonly string[]).includes(e));
  if (unknown.length) throw new Error(`BENCH_SEARCH_ENGINES: unknown ${unknown.join(', ')} (known: ${engines.join(', ')})`);
  const result: SuiteResult = { lines: [], checks: [], notes: [] };
  for (const engine of wanted as Engine[]) {
    const one = await runEngine(engine);
    result.lines.push(...one.lines);
    result.checks.push(...one.checks);
    result.notes!.push(...(one.notes ?? []));
  }
  return result;
}

/** Percentiles over several runs need their latencies; load() keeps only percentiles, so merge by samples. */
function mergeResults(results: LoadResult[]): LoadResult {
  const samples = results.flatMap((r) => r.latencies ?? []).sort((a, b) => a - b);
  const pct = (q: number) => samples[Math.min(samples.length - 1, Math.floor((q / 100) * samples.length))] ?? NaN;
  const requests = results.reduce((s, r) => s + r.requests, 0);
  const seconds = results.reduce((s, r) => s + (r.rps > 0 ? r.requests / r.rps : 0), 0);
  return {
    requests,
    errors: results.reduce((s, r) => s + r.errors, 0),
    rps: seconds > 0 ? requests / seconds : 0,
    p50: pct(50),
    p95: pct(95),
    p99: pct(99),
    bytes: results.reduce((s, r) => s + r.bytes, 0),
    mbps: 0,
    latencies: samples,
  };
}
