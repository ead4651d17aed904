// name: connection
// description: How two entities are connected: the shortest paths between them, with the evidence for each step.
// params: first (entity) where the path starts, by name, alias or id
// params: second (entity) where the path ends, by name, alias or id
// example: kg query run connection -p first Shelter -p second "Centre for Public Impact"
MATCH (a {id: $first}), (b {id: $second})
WITH a, b
MATCH p = allShortestPaths((a)-[:SPOKE_AT|CHAIRED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN*..6]-(b))
WITH p, reduce(route = '', n IN nodes(p) | route + CASE WHEN route = '' THEN '' ELSE ' / ' END + n.name) AS route
RETURN route, length(p) AS steps,
       [r IN relationships(p) | startNode(r).name + ' ' + type(r) + ' ' + endNode(r).name + ': "' + coalesce(r.quotes[0], '') + '" (' + coalesce(r.documents[0], '') + ')'] AS evidence
ORDER BY steps, route, reduce(text = '', step IN evidence | text + step)
