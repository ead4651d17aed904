// name: most-connected
// description: The organisations with the most distinct connections to other people, groups, meetings and ideas.
// params: limit (int, default 10) how many organisations to list
// example: kg query run most-connected -p limit 5
MATCH (o:Organisation)-[e]-(x)
WHERE type(e) <> 'MENTIONS' AND NOT x:Document
RETURN o.name AS organisation, count(DISTINCT x) AS connections
ORDER BY connections DESC, organisation
LIMIT $limit
