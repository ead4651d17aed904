// name: mentioned-together
// description: The documents and notes that mention two entities together.
// params: first (entity) one entity, by name, alias or id
// params: second (entity) the other entity, by name, alias or id
// example: kg query run mentioned-together -p first Mind -p second Clinks
// title: Where {first} and {second} are named together
// Each entity is found through the id index of its label (an id names one node, so at most one
// lookup of each group finds it).
OPTIONAL MATCH (p1:Person {id: $first})
OPTIONAL MATCH (o1:Organisation {id: $first})
OPTIONAL MATCH (c1:Cell {id: $first})
OPTIONAL MATCH (m1:Meeting {id: $first})
OPTIONAL MATCH (k1:Concept {id: $first})
OPTIONAL MATCH (pl1:Place {id: $first})
OPTIONAL MATCH (pub1:Publication {id: $first})
WITH coalesce(p1, o1, c1, m1, k1, pl1, pub1) AS a
OPTIONAL MATCH (p2:Person {id: $second})
OPTIONAL MATCH (o2:Organisation {id: $second})
OPTIONAL MATCH (c2:Cell {id: $second})
OPTIONAL MATCH (m2:Meeting {id: $second})
OPTIONAL MATCH (k2:Concept {id: $second})
OPTIONAL MATCH (pl2:Place {id: $second})
OPTIONAL MATCH (pub2:Publication {id: $second})
WITH a, coalesce(p2, o2, c2, m2, k2, pl2, pub2) AS b
WHERE a IS NOT NULL AND b IS NOT NULL AND a <> b  // one entity twice: nothing to connect
MATCH (a)<-[ea:MENTIONS]-(d:Document)-[eb:MENTIONS]->(b)
RETURN coalesce(d.path, '') AS document, d.name AS note, ea.count AS first_mentions, eb.count AS second_mentions
ORDER BY document, note
