-- Global search (GET /api/v1/search): full-text with prefix matching plus trigram typo tolerance,
-- accent- and case-insensitive, on PGlite and PostgreSQL alike.
--
-- unaccent() is only STABLE (its dictionary could change), so an index cannot use it. This wrapper names
-- the dictionary explicitly and is declared IMMUTABLE so expression indexes can; if the unaccent rules
-- are ever edited, REINDEX the *_search_* indexes below.
CREATE OR REPLACE FUNCTION public.talas_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
--> statement-breakpoint
-- Full-text indexes use the 'simple' configuration on purpose: what is searched is names, titles, brands and
-- file names in many languages, where a language's stemmer would mangle words ("Moog" → "moog", but "Berlin
-- Strings" → "string", French titles stemmed as English) and its stop words would drop real titles ("The
-- The"). 'simple' only lower-cases; accents are folded by talas_unaccent, and prefixes come from `word:*`.
-- Each expression below must stay identical to the one lib/search/service.ts queries, or the index is unused.
CREATE INDEX IF NOT EXISTS "users_search_fts_idx" ON "users" USING gin (
  to_tsvector('simple', public.talas_unaccent("username" || ' ' || coalesce("first_name", '') || ' ' || coalesce("last_name", '')))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_search_fold_trgm_idx" ON "users" USING gin (
  lower(public.talas_unaccent("username" || ' ' || coalesce("first_name", '') || ' ' || coalesce("last_name", ''))) gin_trgm_ops
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "products_search_fts_idx" ON "products" USING gin (
  to_tsvector('simple', public.talas_unaccent("name" || ' ' || coalesce("brand", '') || ' ' || coalesce("model", '')))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "products_search_fold_trgm_idx" ON "products" USING gin (
  lower(public.talas_unaccent("name" || ' ' || coalesce("brand", '') || ' ' || coalesce("model", ''))) gin_trgm_ops
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tracks_search_fts_idx" ON "tracks" USING gin (
  to_tsvector('simple', public.talas_unaccent("title" || ' ' || "artist" || ' ' || coalesce("genre", '')))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tracks_search_fold_trgm_idx" ON "tracks" USING gin (
  lower(public.talas_unaccent("title" || ' ' || "artist" || ' ' || coalesce("genre", ''))) gin_trgm_ops
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resources_search_fts_idx" ON "resources" USING gin (
  to_tsvector('simple', public.talas_unaccent("title" || ' ' || coalesce("description", '')))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resources_search_fold_trgm_idx" ON "resources" USING gin (
  lower(public.talas_unaccent("title" || ' ' || coalesce("description", ''))) gin_trgm_ops
);
--> statement-breakpoint
-- File names: the parser would keep "moog-sub37_manual.pdf" as one token, so separators become spaces first.
CREATE INDEX IF NOT EXISTS "files_search_fts_idx" ON "files" USING gin (
  to_tsvector('simple', translate(public.talas_unaccent("filename"), '._-', '   '))
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "files_search_fold_trgm_idx" ON "files" USING gin (
  lower(public.talas_unaccent("filename")) gin_trgm_ops
);
