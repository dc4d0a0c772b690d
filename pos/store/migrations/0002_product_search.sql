-- Substring search over folded product names (pos.textkey) at a million
-- products: an external-content FTS5 trigram index kept in step by triggers.

CREATE VIRTUAL TABLE "product_search" USING fts5(
    name_key, content='product', content_rowid='id', tokenize='trigram'
);

CREATE TRIGGER "product_search_ai" AFTER INSERT ON "product" BEGIN
    INSERT INTO product_search(rowid, name_key) VALUES (new.id, new.name_key);
END;

CREATE TRIGGER "product_search_ad" AFTER DELETE ON "product" BEGIN
    INSERT INTO product_search(product_search, rowid, name_key)
    VALUES ('delete', old.id, old.name_key);
END;

CREATE TRIGGER "product_search_au" AFTER UPDATE OF name_key ON "product"
WHEN old.name_key IS NOT new.name_key BEGIN
    INSERT INTO product_search(product_search, rowid, name_key)
    VALUES ('delete', old.id, old.name_key);
    INSERT INTO product_search(rowid, name_key) VALUES (new.id, new.name_key);
END;

INSERT INTO product_search(product_search) VALUES ('rebuild');
