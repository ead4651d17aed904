// name: spoke-alongside
// description: Who spoke at the same meetings as a person, and at which meetings.
// params: person (entity) the person, by name, alias or id
// example: kg query run spoke-alongside -p person "Polly Neate"
MATCH (p:Person {id: $person})-[:SPOKE_AT]->(m:Meeting)<-[:SPOKE_AT]-(q:Person)
WHERE q.id <> p.id
WITH q, m ORDER BY m.name
RETURN q.name AS speaker, count(DISTINCT m) AS meetings, collect(DISTINCT m.name) AS meeting_names
ORDER BY meetings DESC, speaker
