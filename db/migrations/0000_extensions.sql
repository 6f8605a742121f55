-- Extensions come first: later migrations build trigram and accent-insensitive indexes on them.
-- PGlite loads the same extensions through its `extensions` option (db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
