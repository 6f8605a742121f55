ALTER TABLE "voice_channels" ADD COLUMN "occupied_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "voice_participants" ADD COLUMN "stats" jsonb;