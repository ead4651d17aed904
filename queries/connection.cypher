// name: connection
// description: How two entities are connected: the shortest paths between them, with the evidence for each step.
// params: first (entity) where the path starts, by name, alias or id
// params: second (entity) where the path ends, by name, alias or id
// example: kg query run connection -p first Shelter -p second "Centre for Public Impact"
// title: How {first} and {second} are connected
// empty: no path within 6 steps between {first} and {second}
// Each entity is found through the id index of its label (an id names one node, so at most one
// lookup of each group finds it); both ends are bound before the path search, as FalkorDB needs.
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
MATCH p = allShortestPaths((a)-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN*..6]-(b))
WITH p, reduce(route = '', n IN nodes(p) | route + CASE WHEN route = '' THEN '' ELSE ' / ' END + n.name) AS route
RETURN route, length(p) AS steps,
       [r IN relationships(p) | startNode(r).name + ' ' + type(r) + ' ' + endNode(r).name + ': "' + coalesce(r.quotes[0], '') + '" (' + coalesce(r.documents[0], '') + ')'] AS evidence,
       [n IN nodes(p) | n.id] AS _ids
ORDER BY steps, route, reduce(text = '', step IN evidence | text + step)
