CREATE CONSTRAINT Organisation_name IF NOT EXISTS FOR (o:Organisation) REQUIRE o.name IS UNIQUE
