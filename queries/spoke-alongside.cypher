// name: spoke-alongside
// description: Who spoke at the same meetings as a person, and at which meetings.
// params: person (entity, Person) the person, by name, alias or id
// example: kg query run spoke-alongside -p person "Polly Neate"
// title: Who spoke alongside {person}
// The fellow speakers are gathered per meeting and the meetings sorted once by name, rather
// than sorting every speaker and meeting pair.
MATCH (p:Person {id: $person})-[:SPOKE_AT]->(m:Meeting)<-[:SPOKE_AT]-(q:Person)
WHERE q.id <> p.id
WITH m, collect(q) AS others ORDER BY m.name
UNWIND others AS q
WITH q, count(DISTINCT m) AS meetings, collect(DISTINCT m.name) AS meeting_names, collect(DISTINCT m.id) AS meeting_ids
RETURN q.name AS speaker, meetings, meeting_names, [q.id] + meeting_ids AS _ids
ORDER BY meetings DESC, speaker
