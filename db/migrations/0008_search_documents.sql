-- Search documents (GET /api/v1/search, GET /tracks?q=): each searched table stores its text pre-folded
-- (lower-cased, accents removed by talas_unaccent) in generated columns, so queries never call unaccent per
-- row and ranking reads stored vectors instead of rebuilding them:
--   search_title  the folded main field (title, name, username, file name), COLLATE "C": its btree serves
--                 "starts with" as a range and in byte order, the same on PGlite and PostgreSQL
--   search_text   the folded names (not descriptions) that close spellings are matched against (pg_trgm)
--   search_tsv    every searched field, weighted A (title, name), B (genre, tags, brand, model),
--                 C (description); 'simple' config, as 0005 explains
-- The columns are not declared in db/schema: only lib/search reads them, and drizzle would otherwise select
-- them with every row. ts_filter() indexes hold the A (and A+B) part of a vector, so a search can take its
-- best tiers from a small index instead of rechecking weights row by row.
--
-- Tag names live in track_tags/tags; the triggers below keep tracks.search_tags (the names, sorted, space
-- separated) in step, so the generated columns can include them.
CREATE OR REPLACE FUNCTION public.talas_join_words(text[]) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT array_to_string($1, ' ') $$;
--> statement-breakpoint
ALTER TABLE "tracks" ADD COLUMN "search_tags" text DEFAULT '' NOT NULL;
--> statement-breakpoint
ALTER TABLE "tracks"
  ADD COLUMN "search_title" text COLLATE "C" GENERATED ALWAYS AS (lower(public.talas_unaccent("title"))) STORED,
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (
    lower(public.talas_unaccent("title" || ' ' || "artist" || ' ' || coalesce("genre", '') || ' ' || "search_tags"))
  ) STORED,
  ADD COLUMN "search_tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', public.talas_unaccent("title" || ' ' || "artist")), 'A')
    || setweight(to_tsvector('simple', public.talas_unaccent(coalesce("genre", '') || ' ' || "search_tags")), 'B')
    || setweight(to_tsvector('simple', public.talas_unaccent(coalesce("description", ''))), 'C')
  ) STORED;
--> statement-breakpoint
ALTER TABLE "products"
  ADD COLUMN "search_title" text COLLATE "C" GENERATED ALWAYS AS (lower(public.talas_unaccent("name"))) STORED,
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (
    lower(public.talas_unaccent("name" || ' ' || coalesce("brand", '') || ' ' || coalesce("model", '')))
  ) STORED,
  ADD COLUMN "search_tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', public.talas_unaccent("name")), 'A')
    || setweight(to_tsvector('simple', public.talas_unaccent(coalesce("brand", '') || ' ' || coalesce("model", ''))), 'B')
  ) STORED;
--> statement-breakpoint
ALTER TABLE "users"
  ADD COLUMN "search_title" text COLLATE "C" GENERATED ALWAYS AS (lower(public.talas_unaccent("username"))) STORED,
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (
    lower(public.talas_unaccent("username" || ' ' || coalesce("first_name", '') || ' ' || coalesce("last_name", '')))
  ) STORED,
  ADD COLUMN "search_tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', public.talas_unaccent("username" || ' ' || coalesce("first_name", '') || ' ' || coalesce("last_name", ''))), 'A')
  ) STORED;
--> statement-breakpoint
-- File names: the parser would keep "moog-sub37_manual.pdf" as one token, so separators become spaces first.
ALTER TABLE "files"
  ADD COLUMN "search_title" text COLLATE "C" GENERATED ALWAYS AS (lower(public.talas_unaccent("filename"))) STORED,
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(public.talas_unaccent("filename"))) STORED,
  ADD COLUMN "search_tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', translate(public.talas_unaccent("filename"), '._-', '   ')), 'A')
  ) STORED;
--> statement-breakpoint
ALTER TABLE "resources"
  ADD COLUMN "search_title" text COLLATE "C" GENERATED ALWAYS AS (lower(public.talas_unaccent("title"))) STORED,
  ADD COLUMN "search_text" text GENERATED ALWAYS AS (
    lower(public.talas_unaccent("title" || ' ' || public.talas_join_words("tags")))
  ) STORED,
  ADD COLUMN "search_tsv" tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('simple', public.talas_unaccent("title")), 'A')
    || setweight(to_tsvector('simple', public.talas_unaccent(public.talas_join_words("tags"))), 'B')
    || setweight(to_tsvector('simple', public.talas_unaccent(coalesce("description", ''))), 'C')
  ) STORED;
--> statement-breakpoint
-- "Starts with" in title order, read from the index alone (the INCLUDE columns are the visibility rules).
CREATE INDEX IF NOT EXISTS "tracks_search_title_idx" ON "tracks" ("search_title", "id") INCLUDE ("is_public", "user_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tracks_search_tsv_idx" ON "tracks" USING gin ("search_tsv");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tracks_search_tsv_a_idx" ON "tracks" USING gin (ts_filter("search_tsv", '{a}'));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tracks_search_tsv_ab_idx" ON "tracks" USING gin (ts_filter("search_tsv", '{a,b}'));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "tracks_search_text_trgm_idx" ON "tracks" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "products_search_title_idx" ON "products" ("search_title", "id") INCLUDE ("status");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "products_search_tsv_idx" ON "products" USING gin ("search_tsv");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "products_search_tsv_a_idx" ON "products" USING gin (ts_filter("search_tsv", '{a}'));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "products_search_text_trgm_idx" ON "products" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_search_title_idx" ON "users" ("search_title", "id") INCLUDE ("status");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_search_tsv_idx" ON "users" USING gin ("search_tsv");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_search_text_trgm_idx" ON "users" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resources_search_title_idx" ON "resources" ("search_title", "id") INCLUDE ("is_public", "user_id");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resources_search_tsv_idx" ON "resources" USING gin ("search_tsv");
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resources_search_tsv_a_idx" ON "resources" USING gin (ts_filter("search_tsv", '{a}'));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resources_search_tsv_ab_idx" ON "resources" USING gin (ts_filter("search_tsv", '{a,b}'));
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "resources_search_text_trgm_idx" ON "resources" USING gin ("search_text" gin_trgm_ops);
--> statement-breakpoint
-- A user's files are searched through files_user_idx: one owner's files are few.
-- 0005's expression indexes are replaced by the ones above; products_search_fold_trgm_idx stays, the
-- catalogue's own search (lib/catalogue) uses its expression.
DROP INDEX IF EXISTS "users_search_fts_idx", "users_search_fold_trgm_idx", "products_search_fts_idx",
  "tracks_search_fts_idx", "tracks_search_fold_trgm_idx", "resources_search_fts_idx", "resources_search_fold_trgm_idx",
  "files_search_fts_idx", "files_search_fold_trgm_idx";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.talas_refresh_track_search_tags(track_ids integer[]) RETURNS void
  LANGUAGE sql
  AS $$
    UPDATE public.tracks t SET search_tags = s.names
    FROM (
      SELECT ids.id, coalesce(string_agg(g.name, ' ' ORDER BY g.name), '') AS names
      FROM unnest(track_ids) AS ids(id)
      LEFT JOIN public.track_tags tt ON tt.track_id = ids.id
      LEFT JOIN public.tags g ON g.id = tt.tag_id
      GROUP BY ids.id
    ) s
    WHERE t.id = s.id AND t.search_tags <> s.names
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.talas_track_tags_changed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'INSERT' THEN
      PERFORM public.talas_refresh_track_search_tags(ARRAY(SELECT DISTINCT track_id FROM new_rows));
    ELSIF TG_OP = 'DELETE' THEN
      PERFORM public.talas_refresh_track_search_tags(ARRAY(SELECT DISTINCT track_id FROM old_rows));
    ELSE
      PERFORM public.talas_refresh_track_search_tags(ARRAY(SELECT track_id FROM new_rows UNION SELECT track_id FROM old_rows));
    END IF;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION public.talas_tag_renamed() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    PERFORM public.talas_refresh_track_search_tags(ARRAY(SELECT track_id FROM public.track_tags WHERE tag_id = NEW.id));
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER "track_tags_search_insert" AFTER INSERT ON "track_tags"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.talas_track_tags_changed();
--> statement-breakpoint
CREATE TRIGGER "track_tags_search_delete" AFTER DELETE ON "track_tags"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION public.talas_track_tags_changed();
--> statement-breakpoint
CREATE TRIGGER "track_tags_search_update" AFTER UPDATE ON "track_tags"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION public.talas_track_tags_changed();
--> statement-breakpoint
CREATE TRIGGER "tags_search_rename" AFTER UPDATE OF "name" ON "tags"
  FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION public.talas_tag_renamed();
--> statement-breakpoint
SELECT public.talas_refresh_track_search_tags(ARRAY(SELECT DISTINCT track_id FROM public.track_tags));
