// name: bridges
// description: People who bridge several cells or organisations, through roles, leadership or speaking at their meetings.
// params: min (int, default 2) the fewest cells and organisations a person must link
// example: kg query run bridges
MATCH (p:Person)-[:SPOKE_AT|CHAIRED|LEADS|ROLE_AT|MEMBER_OF]->(x)
OPTIONAL MATCH (x)-[:PART_OF]->(mc:Cell)
WITH p, CASE WHEN mc IS NULL THEN x ELSE mc END AS g
WHERE g:Cell OR g:Organisation
WITH p, g ORDER BY g.name
WITH p, collect(DISTINCT g.name) AS groups, count(DISTINCT g) AS n
WHERE n >= $min
RETURN p.name AS person, n AS links, groups
ORDER BY links DESC, person
