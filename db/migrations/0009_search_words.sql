-- Search words: every lexeme of each searched table's search_tsv (0008), per table. Before its full-text
-- tiers, a search checks that each of its words starts some lexeme of the table (a btree range read) and
-- skips those tiers when one does not: GIN answers an AND of prefixes only after collecting every prefix's
-- rows, so without the check a query with one unknown word pays for all the common ones, once per tier.
-- Triggers add the words of inserted rows (per statement, sorted, so concurrent writers take the key locks
-- in one order) and of updated rows whose document changed (a play count does not); nothing removes them:
-- a stale word only lets the check pass and the tiers run.
CREATE TABLE "search_words" (
  "source" text NOT NULL,
  "word" text COLLATE "C" NOT NULL,
  CONSTRAINT "search_words_pkey" PRIMARY KEY ("source", "word")
);
--> statement-breakpoint
CREATE FUNCTION public.talas_remember_search_words() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO public.search_words (source, word)
      SELECT DISTINCT TG_TABLE_NAME, w
      FROM changed_rows, unnest(tsvector_to_array(changed_rows.search_tsv)) AS w
      ORDER BY 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE FUNCTION public.talas_remember_row_search_words() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
  BEGIN
    INSERT INTO public.search_words (source, word)
      SELECT TG_TABLE_NAME, w FROM unnest(tsvector_to_array(NEW.search_tsv)) AS w ORDER BY 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
  END
  $$;
--> statement-breakpoint
CREATE TRIGGER "users_search_words_insert" AFTER INSERT ON "users"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.talas_remember_search_words();
--> statement-breakpoint
CREATE TRIGGER "users_search_words_update" AFTER UPDATE ON "users" FOR EACH ROW
  WHEN (OLD.search_tsv IS DISTINCT FROM NEW.search_tsv) EXECUTE FUNCTION public.talas_remember_row_search_words();
--> statement-breakpoint
CREATE TRIGGER "products_search_words_insert" AFTER INSERT ON "products"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.talas_remember_search_words();
--> statement-breakpoint
CREATE TRIGGER "products_search_words_update" AFTER UPDATE ON "products" FOR EACH ROW
  WHEN (OLD.search_tsv IS DISTINCT FROM NEW.search_tsv) EXECUTE FUNCTION public.talas_remember_row_search_words();
--> statement-breakpoint
CREATE TRIGGER "files_search_words_insert" AFTER INSERT ON "files"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.talas_remember_search_words();
--> statement-breakpoint
CREATE TRIGGER "files_search_words_update" AFTER UPDATE ON "files" FOR EACH ROW
  WHEN (OLD.search_tsv IS DISTINCT FROM NEW.search_tsv) EXECUTE FUNCTION public.talas_remember_row_search_words();
--> statement-breakpoint
CREATE TRIGGER "tracks_search_words_insert" AFTER INSERT ON "tracks"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.talas_remember_search_words();
--> statement-breakpoint
CREATE TRIGGER "tracks_search_words_update" AFTER UPDATE ON "tracks" FOR EACH ROW
  WHEN (OLD.search_tsv IS DISTINCT FROM NEW.search_tsv) EXECUTE FUNCTION public.talas_remember_row_search_words();
--> statement-breakpoint
CREATE TRIGGER "resources_search_words_insert" AFTER INSERT ON "resources"
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION public.talas_remember_search_words();
--> statement-breakpoint
CREATE TRIGGER "resources_search_words_update" AFTER UPDATE ON "resources" FOR EACH ROW
  WHEN (OLD.search_tsv IS DISTINCT FROM NEW.search_tsv) EXECUTE FUNCTION public.talas_remember_row_search_words();
--> statement-breakpoint
INSERT INTO "search_words" ("source", "word")
  SELECT DISTINCT s.source, s.word FROM (
    SELECT 'users' AS source, w AS word FROM "users", unnest(tsvector_to_array("search_tsv")) AS w
    UNION ALL SELECT 'products', w FROM "products", unnest(tsvector_to_array("search_tsv")) AS w
    UNION ALL SELECT 'files', w FROM "files", unnest(tsvector_to_array("search_tsv")) AS w
    UNION ALL SELECT 'tracks', w FROM "tracks", unnest(tsvector_to_array("search_tsv")) AS w
    UNION ALL SELECT 'resources', w FROM "resources", unnest(tsvector_to_array("search_tsv")) AS w
  ) AS s
  ORDER BY 1, 2;
