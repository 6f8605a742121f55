import { and, eq, getTableName, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { rowsOf, type Database } from '@/db/client';
import { GENERIC_PLAN } from '@/db/pglite-statements';
import { categories, products } from '@/db/schema/catalogue';
import { files, resources } from '@/db/schema/gear';
import { tracks } from '@/db/schema/tracks';
import { users } from '@/db/schema/users';
import type { AuthedCtx } from '../context';
import { AppError } from '../errors';
import { fileUrl } from '../files/schemas';
import { moneyOut } from '../http/values';
import { log } from '../log';
import { resourceUrl } from '../resources/schemas';
import { SEARCH_MAX_WORDS, type SearchQuery, type SearchResult } from './schemas';

// ---- Extensions: search needs pg_trgm (typo tolerance) and unaccent (accent folding).

export const SEARCH_EXTENSIONS = ['pg_trgm', 'unaccent'] as const;
export type SearchExtension = (typeof SEARCH_EXTENSIONS)[number];

export interface SearchCapabilities {
  /** pg_trgm answers: typo-tolerant matching and similarity ranking. */
  trgm: boolean;
  /** unaccent and the migration's talas_unaccent() answer: accent folding. */
  unaccent: boolean;
  missing: SearchExtension[];
}

const warned = new Set<string>();

async function answers(db: Database, probe: SQL): Promise<boolean> {
  try {
    await db.execute(probe);
    return true;
  } catch {
    return false;
  }
}

/**
 * Which search extensions this database really has: listed in pg_extension *and* callable (a PGlite
 * opened without its `extensions` option lists them but cannot run them). Each missing one is logged
 * once per process, naming it, because search then degrades: without pg_trgm no typo tolerance (a
 * plain substring match instead), without unaccent no accent folding (case is still ignored).
 */
export async function checkSearchExtensions(
  db: Database,
  warn: (message: string, extension: SearchExtension) => void = (message, extension) =>
    log().warn({ extension }, message),
): Promise<SearchCapabilities> {
  const rows = await db.execute<{ extname: string }>(
    sql`select extname from pg_extension where extname in ('pg_trgm', 'unaccent')`,
  );
  const listed = new Set(rowsOf<{ extname: string }>(rows).map((r) => r.extname));
  const trgm = listed.has('pg_trgm') && (await answers(db, sql`select similarity('a', 'a')`));
  const unaccent = listed.has('unaccent') && (await answers(db, sql`select public.talas_unaccent('é')`));
  const missing: SearchExtension[] = [];
  if (!trgm) missing.push('pg_trgm');
  if (!unaccent) missing.push('unaccent');
  for (const extension of missing) {
    if (warned.has(extension)) continue;
    warned.add(extension);
    warn(
      extension === 'pg_trgm'
        ? 'Search degraded: the pg_trgm extension is missing, so typo tolerance is off (substring matching instead)'
        : 'Search degraded: the unaccent extension (or talas_unaccent) is missing, so accents are not folded',
      extension,
    );
  }
  return { trgm, unaccent, missing };
}

const capabilityCache = new WeakMap<Database, Promise<SearchCapabilities>>();

/** Checked on first use per database, then remembered. */
function capabilitiesOf(db: Database): Promise<SearchCapabilities> {
  let cached = capabilityCache.get(db);
  if (!cached) {
    cached = checkSearchExtensions(db);
    cached.catch(() => capabilityCache.delete(db));
    capabilityCache.set(db, cached);
  }
  return cached;
}

// ---- Query text

/**
 * The words of a search: letters and digits only, lower-cased. Everything else (tsquery operators
 * `& | ! : * ( ) <->`, quotes, LIKE wildcards, backslashes) is a separator, so no input can change the
 * query's structure. Empty when nothing searchable is left.
 */
export function searchWords(q: string): string[] {
  return q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, SEARCH_MAX_WORDS);
}

/** A search's words folded exactly as the stored documents are, and what the statements need of them. */
interface Terms {
  /** The folded words. */
  words: string[];
  /** The folded words joined by single spaces. */
  folded: string;
  /** Every word as a prefix, all required: `'word':* & …` for to_tsquery('simple', …). */
  tsquery: string;
  /** A title starts with `folded` when it sorts in [folded, titleEnd) byte-wise (search_title is COLLATE "C"). */
  titleEnd: string;
}

/** The smallest string above every string that starts with `prefix`, in code point order. */
function prefixEnd(prefix: string): string {
  const points = [...prefix];
  const next = points.pop()!.codePointAt(0)! + 1;
  // Surrogates are not characters: the next one is U+E000.
  return points.join('') + String.fromCodePoint(next >= 0xd800 && next <= 0xdfff ? 0xe000 : next);
}

/**
 * Lower-case ASCII letters and digits: already folded (unaccent leaves them alone), and kept whole by
 * to_tsquery, so the lexeme such a word must start is the word itself.
 */
const plainWord = (w: string) => /^[a-z0-9]+$/.test(w);

/**
 * Folds the words in the database, with the very functions that fold the stored documents (unaccent can
 * turn a letter into several, a space or punctuation, so JavaScript cannot do it). Undefined when nothing
 * is left to search for.
 */
async function foldTerms(db: Database, words: string[], caps: SearchCapabilities): Promise<Terms | undefined> {
  const folded = words.every(plainWord) ? words : await foldInDatabase(db, words, caps);
  if (folded.length === 0) return undefined;
  return {
    words: folded,
    folded: folded.join(' '),
    // Each word quoted as one operand ('' doubles a quote, \ escapes a backslash): never an operator.
    tsquery: folded.map((w) => `'${w.replace(/\\/g, '\\\\').replace(/'/g, "''")}':*`).join(' & '),
    titleEnd: prefixEnd(folded.join(' ')),
  };
}

/** Lower-case ASCII is already folded (unaccent leaves it alone); anything else is folded by the database. */
async function foldInDatabase(db: Database, words: string[], caps: SearchCapabilities): Promise<string[]> {
  const text = sql`${words.join(' ')}::text`;
  const [row] = rowsOf<{ folded: string }>(
    await db.execute(sql`select lower(${caps.unaccent ? sql`public.talas_unaccent(${text})` : text}) as folded`),
  );
  return (row?.folded ?? '').split(/\s+/).filter(Boolean);
}

// ---- Matching and ranking
//
// Every searched table stores its document pre-folded (db/migrations/0008_search_documents.sql):
// search_title (the main field), search_text (the names, for close spellings) and search_tsv (every field,
// weighted A: title/name, B: genre/tags/brand/model, C: description). A search walks tiers from best to
// worst and stops once `limit` hits are found; each tier is one LIMITed index scan, and only its first
// CANDIDATES_PER_TIER matches are ranked, so a common word costs about as much as a rare one:
//   0. the main field starts with the words (exact first, then in title order)
//   1. every word starts a word of the A fields, then of the A and B fields (the ts_filter indexes)
//   2. every word starts a word anywhere (description included)
//   3. every word is a close spelling of a word of the names (pg_trgm word similarity), most similar first
// Tiers 1–2 are ordered by ts_rank (weights A > B > C). A hit of one tier never appears in a later one.
// Tiers 1–2 run only when every word starts a word of the table (search_words, 0009): GIN collects every
// prefix's rows before it can tell that one prefix has none.

/** How many matches of a tier are ranked: enough to order the best, few enough to stay fast. */
export const CANDIDATES_PER_TIER = 100;

type WeightSet = '{a}' | '{a,b}';

interface SearchSpec {
  table: PgTable;
  /** What the caller may see, in the `where` of every tier. */
  visible: (me: number) => SQL;
  /** Weight sets with a ts_filter index (0008), best first; the whole vector comes after them. */
  partial: WeightSet[];
}

const column = (table: PgTable, name: string) => sql`${table}.${sql.identifier(name)}`;

/** One table's match conditions for a search: the SQL shared by global search and the tracks filter. */
function conditionsFor(spec: SearchSpec, terms: Terms, caps: SearchCapabilities) {
  const title = column(spec.table, 'search_title');
  const text = column(spec.table, 'search_text');
  const tsv = column(spec.table, 'search_tsv');
  const tsquery = sql`to_tsquery('simple', ${terms.tsquery})`;
  return {
    title,
    tsv,
    tsquery,
    startsWith: sql`${title} >= ${terms.folded} and ${title} < ${terms.titleEnd}`,
    // The weight set is a literal: the index expression must match it exactly.
    words: (weights?: WeightSet) => sql`${weights ? sql`ts_filter(${tsv}, ${sql.raw(`'${weights}'`)})` : tsv} @@ ${tsquery}`,
    // Every word is required here too: each is a close spelling of a word of the names.
    close: and(
      ...terms.words.map((w) =>
        caps.trgm ? sql`${text} %> ${w}` : sql`${text} like ${`%${w.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`}`,
      ),
    )!,
    closeness: caps.trgm ? sql.join(terms.words.map((w) => sql`word_similarity(${w}, ${text})`), sql` + `) : sql`0`,
  };
}

/**
 * `(id, tier, pos)` of the caller's best hits in one table, at most `limit`, as a subquery `hits`:
 * ordered by `tier, pos`. Later tiers run only while earlier ones found fewer than `limit` hits.
 */
function rankedHits(spec: SearchSpec, terms: Terms, caps: SearchCapabilities, me: number, limit: number): SQL {
  const c = conditionsFor(spec, terms, caps);
  const id = column(spec.table, 'id');
  const visible = spec.visible(me);
  const tiers: { where: SQL; score: SQL }[] = [
    ...spec.partial.map((weights) => ({ where: c.words(weights), score: sql`ts_rank(${c.tsv}, ${c.tsquery})` })),
    { where: c.words(), score: sql`ts_rank(${c.tsv}, ${c.tsquery})` },
    { where: c.close, score: c.closeness },
  ];
  const known = knownWords(spec, terms);
  const ctes = [
    sql`t0 as (select ${id} as id, 0 as tier, row_number() over (order by ${c.title}, ${id}) as pos
      from ${spec.table} where ${c.startsWith} and ${visible} order by ${c.title}, ${id} limit ${limit})`,
  ];
  const names = ['t0'];
  const union = (select: string) => sql.raw(names.map((name) => `select ${select} from ${name}`).join(' union all '));
  tiers.forEach(({ where, score }, i) => {
    const [matches, tier] = [`m${i + 1}`, `t${i + 1}`];
    const found = union('id');
    // Materialized: planned to return every match, so read through the index whatever the LIMIT above,
    // yet read lazily: scanning stops after CANDIDATES_PER_TIER rows, and never starts when the gate is shut.
    ctes.push(
      sql`${sql.raw(matches)} as materialized (select ${id} as id, ${score} as score from ${spec.table} where ${where} and ${visible})`,
      sql`${sql.raw(tier)} as (select c.id, ${sql.raw(String(i + 1))} as tier, row_number() over (order by c.score desc, c.id) as pos
        from (select id, score from ${sql.raw(matches)}
          where (select count(*) from (${found}) f) < ${limit}${i < tiers.length - 1 && known ? sql` and ${known}` : sql``}
            and id not in (${found})
          limit ${sql.raw(String(CANDIDATES_PER_TIER))}) c
        order by c.score desc, c.id limit ${limit})`,
    );
    names.push(tier);
  });
  const all = union('id, tier, pos');
  return sql`(${sql.raw(GENERIC_PLAN)} with ${sql.join(ctes, sql`, `)} ${all}) as hits`;
}

/** Whether every plain word starts a word of the table's documents; undefined when no word is plain. */
function knownWords(spec: SearchSpec, terms: Terms): SQL | undefined {
  const checked = terms.words.filter(plainWord);
  if (checked.length === 0) return undefined;
  const source = getTableName(spec.table);
  return and(
    ...checked.map(
      (w) => sql`exists (select 1 from search_words where source = ${source} and word >= ${w} and word < ${prefixEnd(w)})`,
    ),
  );
}

const hitOrder = [sql`hits.tier`, sql`hits.pos`];

const specs = {
  users: { table: users, visible: () => ne(users.status, 'banned'), partial: [] },
  products: { table: products, visible: () => ne(products.status, 'archived'), partial: ['{a}'] },
  files: { table: files, visible: (me) => eq(files.userId, me), partial: [] },
  tracks: { table: tracks, visible: (me) => or(eq(tracks.isPublic, true), eq(tracks.userId, me))!, partial: ['{a}', '{a,b}'] },
  resources: {
    table: resources,
    visible: (me) => or(eq(resources.isPublic, true), eq(resources.userId, me))!,
    partial: ['{a}', '{a,b}'],
  },
} satisfies Record<string, SearchSpec>;
type SearchedType = keyof typeof specs;

/**
 * The `GET /tracks?q=` filter: a track matches when every word of `q` starts a word of its title, artist,
 * genre, tags or description, or when every word is a close spelling of a word of its title, artist, genre
 * or tags (the matches of global search's tracks, unranked). Undefined when `q` has no letter or digit.
 */
export async function trackSearchCondition(db: Database, q: string | undefined): Promise<SQL | undefined> {
  const words = searchWords(q ?? '');
  if (words.length === 0) return undefined;
  const caps = await capabilitiesOf(db);
  const terms = await foldTerms(db, words, caps);
  if (!terms) return sql`false`;
  const c = conditionsFor(specs.tracks, terms, caps);
  return or(c.words(), c.close);
}

// ---- Statements

interface QueryArgs {
  db: Database;
  me: number;
  terms: Terms;
  caps: SearchCapabilities;
  limit: number;
}

// One builder per type (so tests can EXPLAIN the very statement), and how its rows become hits.
function usersQuery({ db, me, terms, caps, limit }: QueryArgs) {
  return db
    .select({
      id: users.id,
      username: users.username,
      first_name: users.firstName,
      last_name: users.lastName,
      avatar: users.avatar,
    })
    .from(rankedHits(specs.users, terms, caps, me, limit))
    .innerJoin(users, sql`${users.id} = hits.id`)
    .orderBy(...hitOrder)
    .limit(limit);
}

function productsQuery({ db, me, terms, caps, limit }: QueryArgs) {
  return db
    .select({
      id: products.id,
      name: products.name,
      brand: products.brand,
      model: products.model,
      category_name: categories.name,
      price: products.price,
    })
    .from(rankedHits(specs.products, terms, caps, me, limit))
    .innerJoin(products, sql`${products.id} = hits.id`)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .orderBy(...hitOrder)
    .limit(limit);
}

function filesQuery({ db, me, terms, caps, limit }: QueryArgs) {
  return db
    .select({ id: files.id, filename: files.filename, type: files.type, mime_type: files.mimeType })
    .from(rankedHits(specs.files, terms, caps, me, limit))
    .innerJoin(files, sql`${files.id} = hits.id`)
    .orderBy(...hitOrder)
    .limit(limit);
}

function tracksQuery({ db, me, terms, caps, limit }: QueryArgs) {
  return db
    .select({
      id: tracks.id,
      title: tracks.title,
      artist: tracks.artist,
      genre: tracks.genre,
      duration: tracks.duration,
      userId: users.id,
      username: users.username,
    })
    .from(rankedHits(specs.tracks, terms, caps, me, limit))
    .innerJoin(tracks, sql`${tracks.id} = hits.id`)
    .innerJoin(users, eq(users.id, tracks.userId))
    .orderBy(...hitOrder)
    .limit(limit);
}

function resourcesQuery({ db, me, terms, caps, limit }: QueryArgs) {
  return db
    .select({ id: resources.id, title: resources.title, type: resources.type, tags: resources.tags })
    .from(rankedHits(specs.resources, terms, caps, me, limit))
    .innerJoin(resources, sql`${resources.id} = hits.id`)
    .orderBy(...hitOrder)
    .limit(limit);
}

const queries = {
  users: usersQuery,
  products: productsQuery,
  files: filesQuery,
  tracks: tracksQuery,
  resources: resourcesQuery,
} satisfies Record<SearchedType, unknown>;

// Prepared: the statement's text is the same for every search of a type and word count.
const searchers: { [K in SearchedType]: (args: QueryArgs) => Promise<SearchResult[K]> } = {
  users: (args) => usersQuery(args).prepare('search_users').execute(),
  products: async (args) =>
    (await productsQuery(args).prepare('search_products').execute()).map((r) => ({ ...r, price: moneyOut(r.price) })),
  files: async (args) => (await filesQuery(args).prepare('search_files').execute()).map((r) => ({ ...r, url: fileUrl(r.id) })),
  tracks: async (args) =>
    (await tracksQuery(args).prepare('search_tracks').execute()).map(({ userId, username, ...t }) => ({
      ...t,
      user: { id: userId, username },
    })),
  resources: async (args) =>
    (await resourcesQuery(args).prepare('search_resources').execute()).map((r) => ({ ...r, url: resourceUrl(r.id) })),
};

function cleanWordsOrThrow(q: string): string[] {
  const words = searchWords(q);
  if (words.length === 0) {
    throw new AppError('INVALID_INPUT', 'The search has no letters or digits', {
      details: [{ field: 'q', message: 'must contain a letter or a digit' }],
    });
  }
  return words;
}

/**
 * The plan of one type's search statement (EXPLAIN, or EXPLAIN ANALYZE), for tests and benchmarks. Empty when `q` folds to nothing.
 */
export async function explainSearch(
  ctx: AuthedCtx,
  type: SearchedType,
  q: string,
  options: { analyze?: boolean; limit?: number } = {},
): Promise<string> {
  const caps = await capabilitiesOf(ctx.db);
  const terms = await foldTerms(ctx.db, cleanWordsOrThrow(q), caps);
  if (!terms) return '';
  const statement = queries[type]({ db: ctx.db, me: ctx.user.id, terms, caps, limit: options.limit ?? 5 }).getSQL();
  const rows = rowsOf<Record<string, string>>(
    await ctx.db.execute(sql`explain ${sql.raw(options.analyze ? '(analyze, costs off) ' : '')}${statement}`),
  );
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/**
 * Global search for a signed-in caller, one ranked statement per requested type (see "Matching and
 * ranking"). Visibility is part of each statement: banned users, archived products, other people's
 * files and private tracks/resources never match. `listings` is always empty until the marketplace adds
 * its table. `capabilities` overrides the extension check (tests of the degraded mode).
 */
export async function searchAll(
  ctx: AuthedCtx,
  query: SearchQuery,
  capabilities?: SearchCapabilities,
): Promise<SearchResult> {
  const words = cleanWordsOrThrow(query.q);
  const caps = capabilities ?? (await capabilitiesOf(ctx.db));
  const result: SearchResult = { users: [], products: [], files: [], tracks: [], resources: [], listings: [] };
  const terms = await foldTerms(ctx.db, words, caps);
  if (!terms) return result;
  const wanted = new Set(query.type);
  await Promise.all(
    (Object.keys(searchers) as SearchedType[])
      .filter((type) => wanted.has(type))
      .map(async (type) => {
        const args = { db: ctx.db, me: ctx.user.id, terms, caps, limit: query.limit };
        (result as Record<string, unknown[]>)[type] = await searchers[type](args);
      }),
  );
  return result;
}
