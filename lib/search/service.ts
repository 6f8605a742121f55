import { and, asc, desc, eq, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
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
  const listed = new Set(((rows as { rows?: unknown[] }).rows ?? (rows as unknown[])).map((r) => (r as { extname: string }).extname));
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

interface Terms {
  /** The cleaned words joined by spaces, folded like the documents. */
  folded: SQL;
  /** Every word as a prefix, all required. */
  tsquery: SQL;
}

function foldFns(caps: SearchCapabilities) {
  const accentless = (x: SQL) => (caps.unaccent ? sql`public.talas_unaccent(${x})` : x);
  const fold = (x: SQL) => sql`lower(${accentless(x)})`;
  return { accentless, fold };
}

function termsFor(words: string[], caps: SearchCapabilities): Terms {
  const { fold } = foldFns(caps);
  const folded = fold(sql`${words.join(' ')}::text`);
  // Folding happens in SQL (unaccent can turn a letter into `'` or `:`), so each word is then quoted as
  // a tsquery operand ('word':*, quotes doubled): whatever unaccent returns stays a plain operand.
  const tsquery = sql`to_tsquery('simple', coalesce((select string_agg('''' || replace(w, '''', '''''') || ''':*', ' & ')
    from unnest(string_to_array(${folded}, ' ')) as w where w <> ''), ''))`;
  return { folded, tsquery };
}

interface Matcher {
  where: SQL;
  score: SQL;
}

/**
 * Full-text prefix match OR trigram word similarity (typos), ranked by ts_rank + similarity + a bonus
 * for an exact (2) or prefix (1) match of the main field. `doc` and `tsDoc` must be the very
 * expressions the 0005 migration indexes.
 */
function matcher(doc: SQL, primary: SQL, terms: Terms, caps: SearchCapabilities, tsDoc?: (accentless: SQL) => SQL): Matcher {
  const { accentless, fold } = foldFns(caps);
  const base = accentless(doc);
  const tsv = sql`to_tsvector('simple', ${tsDoc ? tsDoc(base) : base})`;
  const foldedDoc = fold(doc);
  const fts = sql`${tsv} @@ ${terms.tsquery}`;
  const fuzzy = caps.trgm
    ? sql`${foldedDoc} %> ${terms.folded}`
    : sql`${foldedDoc} like '%' || ${terms.folded} || '%'`;
  const similarity = caps.trgm ? sql`word_similarity(${terms.folded}, ${foldedDoc})` : sql`0`;
  const foldedPrimary = fold(primary);
  const bonus = sql`case when ${foldedPrimary} = ${terms.folded} then 2 when ${foldedPrimary} like ${terms.folded} || '%' then 1 else 0 end`;
  return {
    where: or(fts, fuzzy)!,
    score: sql`ts_rank(${tsv}, ${terms.tsquery}) + ${similarity} + ${bonus}`,
  };
}

// The searched text of each table, exactly as indexed by db/migrations/0005_search.sql.
const userDoc = sql`(${users.username} || ' ' || coalesce(${users.firstName}, '') || ' ' || coalesce(${users.lastName}, ''))`;
const productDoc = sql`(${products.name} || ' ' || coalesce(${products.brand}, '') || ' ' || coalesce(${products.model}, ''))`;
const trackDoc = sql`(${tracks.title} || ' ' || ${tracks.artist} || ' ' || coalesce(${tracks.genre}, ''))`;
const resourceDoc = sql`(${resources.title} || ' ' || coalesce(${resources.description}, ''))`;
const fileDoc = sql`${files.filename}`;
const fileTsDoc = (accentless: SQL) => sql`translate(${accentless}, '._-', '   ')`;

interface QueryArgs {
  db: Database;
  me: number;
  terms: Terms;
  caps: SearchCapabilities;
  limit: number;
}

// One builder per type (so tests can EXPLAIN the very statement), and how its rows become hits.
function usersQuery({ db, terms, caps, limit }: QueryArgs) {
  const m = matcher(userDoc, sql`${users.username}`, terms, caps);
  return db
    .select({
      id: users.id,
      username: users.username,
      first_name: users.firstName,
      last_name: users.lastName,
      avatar: users.avatar,
    })
    .from(users)
    .where(and(ne(users.status, 'banned'), m.where))
    .orderBy(desc(m.score), asc(users.id))
    .limit(limit);
}

function productsQuery({ db, terms, caps, limit }: QueryArgs) {
  const m = matcher(productDoc, sql`${products.name}`, terms, caps);
  return db
    .select({
      id: products.id,
      name: products.name,
      brand: products.brand,
      model: products.model,
      category_name: categories.name,
      price: products.price,
    })
    .from(products)
    .leftJoin(categories, eq(categories.id, products.categoryId))
    .where(and(ne(products.status, 'archived'), m.where))
    .orderBy(desc(m.score), asc(products.id))
    .limit(limit);
}

function filesQuery({ db, me, terms, caps, limit }: QueryArgs) {
  const m = matcher(fileDoc, fileDoc, terms, caps, fileTsDoc);
  return db
    .select({ id: files.id, filename: files.filename, type: files.type, mime_type: files.mimeType })
    .from(files)
    .where(and(eq(files.userId, me), m.where))
    .orderBy(desc(m.score), asc(files.id))
    .limit(limit);
}

function tracksQuery({ db, me, terms, caps, limit }: QueryArgs) {
  const m = matcher(trackDoc, sql`${tracks.title}`, terms, caps);
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
    .from(tracks)
    .innerJoin(users, eq(users.id, tracks.userId))
    .where(and(or(eq(tracks.isPublic, true), eq(tracks.userId, me)), m.where))
    .orderBy(desc(m.score), asc(tracks.id))
    .limit(limit);
}

function resourcesQuery({ db, me, terms, caps, limit }: QueryArgs) {
  const m = matcher(resourceDoc, sql`${resources.title}`, terms, caps);
  return db
    .select({ id: resources.id, title: resources.title, type: resources.type, tags: resources.tags })
    .from(resources)
    .where(and(or(eq(resources.isPublic, true), eq(resources.userId, me)), m.where))
    .orderBy(desc(m.score), asc(resources.id))
    .limit(limit);
}

const queries = {
  users: usersQuery,
  products: productsQuery,
  files: filesQuery,
  tracks: tracksQuery,
  resources: resourcesQuery,
};
type SearchedType = keyof typeof queries;

const searchers: { [K in SearchedType]: (args: QueryArgs) => Promise<SearchResult[K]> } = {
  users: (args) => usersQuery(args),
  products: async (args) => (await productsQuery(args)).map((r) => ({ ...r, price: moneyOut(r.price) })),
  files: async (args) => (await filesQuery(args)).map((r) => ({ ...r, url: fileUrl(r.id) })),
  tracks: async (args) =>
    (await tracksQuery(args)).map(({ userId, username, ...t }) => ({ ...t, user: { id: userId, username } })),
  resources: async (args) => (await resourcesQuery(args)).map((r) => ({ ...r, url: resourceUrl(r.id) })),
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

/** The SQL and parameters one type's search runs, for EXPLAIN in tests and benchmarks. */
export async function searchStatement(
  ctx: AuthedCtx,
  type: SearchedType,
  q: string,
  limit = 5,
): Promise<{ sql: string; params: unknown[] }> {
  const caps = await capabilitiesOf(ctx.db);
  const terms = termsFor(cleanWordsOrThrow(q), caps);
  return queries[type]({ db: ctx.db, me: ctx.user.id, terms, caps, limit }).toSQL();
}

/**
 * Global search for a signed-in caller, one ranked query per requested type. Visibility is part of
 * each query: banned users, archived products, other people's files and private tracks/resources never
 * match. `listings` is always empty until the marketplace adds its table. `capabilities` overrides the
 * extension check (tests of the degraded mode).
 */
export async function searchAll(
  ctx: AuthedCtx,
  query: SearchQuery,
  capabilities?: SearchCapabilities,
): Promise<SearchResult> {
  const words = cleanWordsOrThrow(query.q);
  const caps = capabilities ?? (await capabilitiesOf(ctx.db));
  const terms = termsFor(words, caps);
  const wanted = new Set(query.type);
  const result: SearchResult = { users: [], products: [], files: [], tracks: [], resources: [], listings: [] };
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
