// name: most-connected
// description: The organisations with the most distinct connections to other people, groups, meetings and ideas.
// params: limit (int, default 10) how many organisations to list
// example: kg query run most-connected -p limit 5
// Only Document nodes hold MENTIONS edges, so leaving out documents leaves out mentions; the
// edges are never named, which spares the store from reading each one, and the organisations
// come first so that the store walks out from them rather than from every other node.
MATCH (o:Organisation)
WITH o
MATCH (o)--(x)
WHERE NOT x:Document
WITH o, count(DISTINCT x) AS connections
RETURN o.name AS organisation, connections
ORDER BY connections DESC, organisation
LIMIT $limit
