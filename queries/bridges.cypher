// name: bridges
// description: People who bridge several cells or organisations, through roles, leadership or speaking at their meetings.
// params: min (int, default 2) the fewest cells and organisations a person must link
// example: kg query run bridges
// Each person and group pair once (a meeting stands for its cells), then the groups sorted once
// by name and their people unwound in that order, rather than sorting every pair.
CALL {
  MATCH (g:Cell)<-[:PART_OF]-(x)<-[:SPOKE_AT|CHAIRED|LEADS|ROLE_AT|MEMBER_OF]-(p:Person)
  RETURN p, g
  UNION
  MATCH (g:Cell) WHERE NOT (g)-[:PART_OF]->(:Cell)
  MATCH (g)<-[:SPOKE_AT|CHAIRED|LEADS|ROLE_AT|MEMBER_OF]-(p:Person)
  RETURN p, g
  UNION
  MATCH (g:Organisation) WHERE NOT (g)-[:PART_OF]->(:Cell)
  MATCH (g)<-[:SPOKE_AT|CHAIRED|LEADS|ROLE_AT|MEMBER_OF]-(p:Person)
  RETURN p, g
}
WITH g, collect(p) AS people ORDER BY g.name
UNWIND people AS p
WITH p, collect(DISTINCT g.name) AS groups, count(g) AS n
WHERE n >= $min
RETURN p.name AS person, n AS links, groups
ORDER BY links DESC, person
