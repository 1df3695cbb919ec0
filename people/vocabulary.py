"""The search's vocabulary: every word of the people's names, once, with a phonetic key.

A misspelt query is corrected word by word against this small table (a few thousand
words for a département: names repeat), then people are found through the GIN index on
their name's words. The cost of a search follows the number of matching people, not the
population, where a trigram scan of every name grows with it.

A trigger on `people_person` adds the words of each new or renamed person's search_name
(`ON CONFLICT DO NOTHING`): words are never removed (a word nobody bears any more only
leads to an empty lookup). `people_phonetic(word)` is a rough French phonetic key over the
normalised word ([a-z0-9]): "ph" is "f", "h" is silent, "c" before e/i/y is "s", "qu"/"c"/"q"
are "k", "y" is "i", "z" is "s", "ou" is "u", "eau"/"au" are "o", "ai"/"ei" are "e",
"dj" is "j", doubled letters are single, final "e"/"s" are silent: "Mohammed"/"Mohamed",
"Koulibaly"/"Coulibaly", "Trahoré"/"Traoré" share their key.
"""

from django.db import connection

PHONETIC_SQL = r"""
CREATE OR REPLACE FUNCTION people_phonetic(word text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
       regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
       regexp_replace(regexp_replace(
           translate(word, 'yzwqx', 'isvkk'),
       'ph', 'f', 'g'),
       'h', '', 'g'),
       'c([ei])', 's\1', 'g'),
       'c', 'k', 'g'),
       'ku', 'k', 'g'),
       'gu([ei])', 'g\1', 'g'),
       'dj', 'j', 'g'),
       'ou', 'u', 'g'),
       '(eau|au)', 'o', 'g'),
       '(ai|ei)', 'e', 'g'),
       '(.)\1+', '\1', 'g'),
       '(.)[es]+$', '\1')
$$;

CREATE OR REPLACE FUNCTION people_add_name_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO people_nameword (word, phonetic)
    SELECT DISTINCT w, people_phonetic(w)
    FROM unnest(string_to_array(NEW.search_name, ' ')) AS w
    WHERE w <> ''
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER people_add_name_words
    AFTER INSERT OR UPDATE OF search_name ON people_person
    FOR EACH ROW EXECUTE FUNCTION people_add_name_words();
"""

DROP_SQL = """
DROP TRIGGER IF EXISTS people_add_name_words ON people_person;
DROP FUNCTION IF EXISTS people_add_name_words();
DROP FUNCTION IF EXISTS people_phonetic(text);
"""

# Fill the vocabulary from the people already there (the migration, the synthetic data).
FILL_SQL = """
INSERT INTO people_nameword (word, phonetic)
SELECT w, people_phonetic(w)
FROM (SELECT DISTINCT unnest(string_to_array(search_name, ' ')) AS w FROM people_person) words
WHERE w <> ''
ON CONFLICT DO NOTHING;
"""


def fill_vocabulary() -> None:
    with connection.cursor() as cursor:
        cursor.execute(FILL_SQL)
