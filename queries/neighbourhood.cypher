// name: neighbourhood
// description: Everything within a few steps of an entity in the graph, nearest first.
// params: entity (entity) the person, organisation, cell, meeting, concept, place or publication
// params: hops (int, default 2) how many steps to go out, from 1 to 3
// example: kg query run neighbourhood -p entity Mind -p hops 2
MATCH p = (a {id: $entity})-[:SPOKE_AT|CHAIRED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN*1..3]-(b)
WHERE length(p) <= $hops AND b.id <> a.id
RETURN b.name AS name, labels(b)[0] AS kind, min(length(p)) AS steps
ORDER BY steps, kind, name
