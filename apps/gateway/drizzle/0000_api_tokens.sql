-- API tokens for scripts (issue 20): issued by a region's administrator for its own subtree, with
-- roles and an expiry; listed and revoked. The token itself (a signed JWT whose jti is `id`) is
-- shown once and never stored.
CREATE SCHEMA IF NOT EXISTS "gateway";
--> statement-breakpoint
CREATE TABLE "gateway"."api_token" (
  "id" text PRIMARY KEY NOT NULL,
  "name" text NOT NULL,
  "scope" varchar(6) NOT NULL,
  "roles" text[] NOT NULL,
  "created_by" text NOT NULL,
  "created_by_name" text NOT NULL,
  "created_at" timestamptz DEFAULT now() NOT NULL,
  "expires_at" timestamptz NOT NULL,
  "revoked_at" timestamptz,
  "revoked_by" text,
  CONSTRAINT "api_token_name_length" CHECK (char_length("name") BETWEEN 1 AND 80),
  CONSTRAINT "api_token_expiry" CHECK ("expires_at" > "created_at")
);
--> statement-breakpoint
CREATE INDEX "api_token_scope_idx" ON "gateway"."api_token" ("scope");
