-- Person search by address fragment (issue 7 §1): an infix match ('%西新宿二丁目8番%') cannot use a btree, and
-- pg_trgm is neither loaded in the embedded PGlite nor able to split Japanese text into trigrams under the C locale.
-- So: a GIN index over the distinct character bigrams of the address (ideographic spaces removed, as the search
-- compares). The search asks for the bigrams of the fragment (`@>`, the index) and keeps the LIKE as the exact
-- check; a one-character fragment has no bigram and falls back to the scan. person-routes.ts uses exactly
-- address_bigrams(households.address); address-index.ts computes the fragment's bigrams the same way.
CREATE OR REPLACE FUNCTION address_bigrams(address text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(t.s, i, 2)), '{}'::text[])
  FROM (SELECT replace(address, chr(12288), '') AS s) AS t, generate_series(1, length(t.s) - 1) AS i
$$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS households_address_bigram_idx ON households USING gin (address_bigrams(address));
