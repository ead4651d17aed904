// name: concept-network
// description: The organisations and people named in the same notes as a concept, most often first.
// params: concept (entity) the concept, by name, alias or id
// example: kg query run concept-network -p concept "systems change"
MATCH (k:Concept {id: $concept})<-[:MENTIONS]-(d:Document)-[:MENTIONS]->(x)
WHERE x:Person OR x:Organisation
RETURN x.name AS name, labels(x)[0] AS kind, count(DISTINCT d) AS notes_together
ORDER BY notes_together DESC, kind, name
