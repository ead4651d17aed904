// name: most-connected
// description: The organisations with the most distinct connections to other people, groups, meetings and ideas.
// params: limit (int, default 10, 1 to 1000) how many organisations to list
// example: kg query run most-connected -p limit 5
// title: The most connected organisations
// Only the fact types are walked: mentions (which only Document nodes hold, and which are
// most of an organisation's edges) are never read, so no neighbour needs its label checked;
// the organisations come first so that the store walks out from them rather than from every
// other node.
MATCH (o:Organisation)
WITH o
MATCH (o)-[:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN]-(x)
WITH o, count(DISTINCT x) AS connections
RETURN o.name AS organisation, connections, [o.id] AS _ids
ORDER BY connections DESC, organisation
LIMIT $limit
