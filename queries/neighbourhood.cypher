// name: neighbourhood
// description: Everything within a few steps of an entity in the graph, nearest first.
// params: entity (entity) the person, organisation, cell, meeting, concept, place or publication
// params: hops (int, default 2, 1 to 3) how many steps to go out
// example: kg query run neighbourhood -p entity Mind -p hops 2
// title: Within {hops} steps of {entity}
// Breadth first, one ring of distinct nodes at a time: enumerating every path of up to three
// steps instead grows with the product of the degrees on the way. The entity is found through
// the id index of its label (an id names one node, so at most one of these lookups finds it).
OPTIONAL MATCH (p:Person {id: $entity})
OPTIONAL MATCH (o:Organisation {id: $entity})
OPTIONAL MATCH (c:Cell {id: $entity})
OPTIONAL MATCH (m:Meeting {id: $entity})
OPTIONAL MATCH (k:Concept {id: $entity})
OPTIONAL MATCH (pl:Place {id: $entity})
OPTIONAL MATCH (pub:Publication {id: $entity})
WITH coalesce(p, o, c, m, k, pl, pub) AS a
WHERE a IS NOT NULL
CALL {
  WITH a
  MATCH (a)-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN]-(b)
  WHERE $hops >= 1
  RETURN DISTINCT b, 1 AS steps
  UNION ALL
  WITH a
  MATCH (a)-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN]-(x1)
  WHERE $hops >= 2
  WITH DISTINCT x1
  MATCH (x1)-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN]-(b)
  RETURN DISTINCT b, 2 AS steps
  UNION ALL
  WITH a
  MATCH (a)-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN]-(x1)
  WHERE $hops >= 3
  WITH DISTINCT x1
  MATCH (x1)-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN]-(x2)
  WITH DISTINCT x2
  MATCH (x2)-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN]-(b)
  RETURN DISTINCT b, 3 AS steps
}
WITH a, b, min(steps) AS steps
WHERE b <> a
RETURN b.name AS name, labels(b)[0] AS kind, steps, [b.id] AS _ids
ORDER BY steps, kind, name
