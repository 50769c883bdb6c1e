-- Aadhaar numbers and citizens' data keys live in vault-service now (issue 15): this service keeps only
-- tokens and masked forms. The numbers in this table are not migrated (only dev and test data existed;
-- production had not gone live); an answer holding one of its tokens can no longer be revealed.
DROP TABLE aadhaar_vault;

