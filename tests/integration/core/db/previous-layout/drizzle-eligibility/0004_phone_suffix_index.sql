-- Person search by phone (issue 7): the number or its last digits (末尾一致) through a btree on the reversed digits;
-- the query in person-routes.ts uses exactly this expression (phoneSuffixKeySql).
CREATE INDEX IF NOT EXISTS persons_phone_suffix_idx ON persons USING btree ((reverse(regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g'))) text_pattern_ops);
