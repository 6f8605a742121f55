// Search suite: GET /api/v1/search?q=…&type=tracks,products&limit=5 over 100k tracks and 100k products
// on PostgreSQL (a fresh database talas_bench_<pid> on 127.0.0.1:5432, dropped at the end). Rows are
// seeded with SQL (generate_series over word lists), then ANALYZE; requests are sequential
// (concurrency 1) so the percentiles are per-request latency. Target (issue 4): p95 ≤ 30 ms.
import postgres from 'postgres';
import { format, load, type LoadResult } from './load';
import { benchUser, startApp, type SuiteResult } from './util';

const ROWS = Number(process.env.BENCH_SEARCH_ROWS ?? 100_000);
const SECONDS_PER_SET = Number(process.env.BENCH_SEARCH_SECONDS ?? 5);
const ADMIN_URL = process.env.BENCH_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const adjectives = ['Midnight', 'Golden', 'Velvet', 'Silent', 'Electric', 'Crystal', 'Lunar', 'Neon', 'Distant', 'Hollow', 'Frozen', 'Burning', 'Secret', 'Endless', 'Fading', 'Wild', 'Éthérée', 'Rêveuse', 'Nocturne', 'Señorita', 'Amber', 'Broken', 'Solar', 'Deep', 'Analog'];
const nouns = ['Synthesis', 'Horizon', 'Echoes', 'Garden', 'Signal', 'Dreams', 'Tide', 'Machine', 'Pulse', 'Waves', 'Voyage', 'Mirage', 'Skyline', 'Drift', 'Cathedral', 'Circuit', 'Électronique', 'Lumière', 'Mañana', 'Orbit', 'Reverie', 'Static', 'Harbour', 'Fever', 'Bloom'];
const artists = ['Nova Pulse', 'The Static Birds', 'Léa Fontaine', 'DJ Kestrel', 'Moonshine Unit', 'Björn Ström', 'Glass Harbour', 'Ocean Relay', 'Sofía Márquez', 'Low Orbit', 'Kid Analog', 'Velvet Engine', 'Hélène Roux', 'Midnight Tapes', 'Paper Satellites', 'Zoë Park', 'Chrome Tigers', 'Aurora Field', 'Jürgen Weiss', 'Signal Fires'];
const genres = ['electronic', 'ambient', 'techno', 'house', 'synthwave', 'jazz', 'rock', 'pop', 'électronique', 'hip hop', 'drum and bass', 'classical'];
const brands = ['Roland', 'Korg', 'Moog', 'Yamaha', 'Elektron', 'Behringer', 'Arturia', 'Sequential', 'Novation', 'Teenage Engineering', 'Nord', 'Akai', 'Native Instruments', 'Focusrite', 'Universal Audio', 'Neumann', 'Shure', 'Sennheiser', 'Genelec', 'Müller Audio'];
const productKinds = ['Synthesizer', 'Drum Machine', 'Sampler', 'Mixer', 'Compressor', 'Audio Interface', 'Studio Monitor', 'Microphone', 'Headphones', 'MIDI Controller', 'Sequencer', 'Effects Pedal', 'Préampli', 'Groovebox', 'Vocoder'];
const productSeries = ['Pro', 'Mini', 'Mk II', 'Studio', 'XL', 'One', 'Analog', 'Live', 'Classic', 'Série Noire', 'Digital', 'Compact'];

/** Term sets: each runs sequentially (concurrency 1) for SECONDS_PER_SET, cycling its terms. */
const termSets: [string, string[]][] = [
  ['exact words', ['moog', 'midnight', 'sampler', 'horizon', 'roland']],
  ['prefixes', ['synt', 'noct', 'elek', 'hori', 'drum']],
  ['accents folded', ['electronique', 'etheree', 'lumiere', 'bjorn']],
  ['typos', ['sinthesizer', 'midnigth', 'compresor', 'yamah']],
  ['no match', ['zzqxv', 'qwpzk', 'xylophonezz']],
];

const lit = (words: string[]) => `ARRAY[${words.map((w) => `'${w.replace(/'/g, "''")}'`).join(',')}]::text[]`;
/** Picks from a word list by a hash of the row number and a salt (deterministic, well spread). */
const pick = (words: string[], salt: number) => `(${lit(words)})[1 + mod(hashint4(i * ${salt} + ${salt * 7})::bigint + 2147483648, ${words.length})::int]`;

async function seed(sql: postgres.Sql, userId: number) {
  const batch = 25_000;
  for (let from = 1; from <= ROWS; from += batch) {
    const to = Math.min(ROWS, from + batch - 1);
    await sql.unsafe(`
      INSERT INTO tracks (user_id, title, artist, genre, duration, mime_type, size, storage_key, sha256, plays, likes)
      SELECT ${userId},
             ${pick(adjectives, 3)} || ' ' || ${pick(nouns, 5)} || CASE WHEN i % 4 = 0 THEN ' (' || ${pick(adjectives, 11)} || ' Mix)' ELSE '' END,
             ${pick(artists, 13)},
             ${pick(genres, 17)},
             60 + (i % 420),
             'audio/wav',
             1000000 + (i % 9000000),
             'tracks/${userId}/bench-' || i || '.wav',
             md5(i::text) || md5((i + 1)::text),
             i % 1000,
             i % 100
      FROM generate_series(${from}, ${to}) AS i`);
    await sql.unsafe(`
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
  await sql`ANALYZE tracks`;
  await sql`ANALYZE products`;
}

export async function runSearch(): Promise<SuiteResult> {
  const notes: string[] = [];
  const dbName = `talas_bench_${process.pid}`;
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    await admin`SELECT 1`;
  } catch (err) {
    await admin.end({ timeout: 1 });
    return { lines: ['search: skipped'], checks: [], notes: [`PostgreSQL at ${ADMIN_URL} is not reachable (${(err as Error).message}); skipped`] };
  }
  await admin.unsafe(`CREATE DATABASE ${dbName}`);
  const dbUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${dbName}`);
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  const db = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    app = await startApp({ databaseUrl: dbUrl }); // migrations run at start
    const { token, userId } = await benchUser(app.url);
    const t0 = performance.now();
    await seed(db, userId);
    const seedSeconds = (performance.now() - t0) / 1000;
    const t = (await db<{ t: number }[]>`SELECT count(*)::int AS t FROM tracks`)[0]!.t;
    const p = (await db<{ p: number }[]>`SELECT count(*)::int AS p FROM products`)[0]!.p;
    notes.push(`seeded ${t} tracks and ${p} products in ${seedSeconds.toFixed(1)} s (SQL, then ANALYZE)`);

    const headers = { authorization: `Bearer ${token}` };
    const url = (q: string) => `${app!.url}/api/v1/search?q=${encodeURIComponent(q)}&type=tracks,products&limit=5`;
    // One request per term, checked, so a broken endpoint is not measured as fast.
    for (const [, terms] of termSets) {
      for (const q of terms) {
        const r = await fetch(url(q), { headers });
        const body = (await r.json()) as { data?: Record<string, unknown> };
        if (!r.ok) throw new Error(`search ${q} answered ${r.status}: ${JSON.stringify(body).slice(0, 200)}`);
      }
    }
    const sample = await (await fetch(url('synt'), { headers })).json();
    notes.push(`sample q=synt → ${JSON.stringify(sample).slice(0, 160)}…`);

    const lines = [`GET /api/v1/search?type=tracks,products&limit=5 over ${t} tracks + ${p} products (PostgreSQL, sequential, ${SECONDS_PER_SET} s per set)`];
    const all: LoadResult[] = [];
    const perSet: { name: string; p95: number }[] = [];
    for (const [name, terms] of termSets) {
      // Sequential requests cycling the set's terms, bounded in time.
      const perTerm = SECONDS_PER_SET / terms.length;
      const results: LoadResult[] = [];
      for (const q of terms) results.push(await load(url(q), { seconds: perTerm, concurrency: 1, headers }));
      const n = results.reduce((s, r) => s + r.requests, 0);
      const merged = mergeResults(results);
      all.push(...results);
      perSet.push({ name, p95: merged.p95 });
      lines.push(format(`${name} (${terms.join(', ')})`.slice(0, 34), merged) + `   n ${n}`);
    }
    const overall = mergeResults(all);
    // Pooled over time, fast terms contribute more samples: the per-set p95s are the fairer reading.
    lines.push(format('all terms (pooled by time)', overall));
    return {
      lines,
      checks: [
        ...perSet.map((x) => ({ name: `search p95, ${x.name}`, value: x.p95, target: 30, higherIsBetter: false, unit: ' ms' })),
        { name: 'search p95, worst term set', value: Math.max(...perSet.map((x) => x.p95)), target: 30, higherIsBetter: false, unit: ' ms' },
      ],
      notes: [...notes, 'PGlite with 100k rows: skipped (PostgreSQL only in this suite)'],
    };
  } finally {
    await app?.stop();
    await db.end({ timeout: 2 });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
    await admin.end({ timeout: 2 });
  }
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
  };
}
