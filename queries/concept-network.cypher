// name: concept-network
// description: The organisations and people named in the same notes as a concept, most often first.
// params: concept (entity, Concept) the concept, by name, alias or id
// example: kg query run concept-network -p concept "systems change"
// title: Who is named with {concept}
// Counted per entity first, then named: reading each name and label once per entity rather
// than once per note halves the time for a concept named in thousands of notes.
MATCH (k:Concept {id: $concept})<-[:MENTIONS]-(d:Document)-[:MENTIONS]->(x)
WHERE x:Person OR x:Organisation
WITH x, count(DISTINCT d) AS notes_together
RETURN x.name AS name, labels(x)[0] AS kind, notes_together, [x.id] AS _ids
ORDER BY notes_together DESC, kind, name
