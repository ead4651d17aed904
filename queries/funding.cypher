// name: funding
// description: Who funds whom, with funding that has ended marked as ended.
// example: kg query run funding
MATCH (f:Organisation)-[e:FUNDED]->(r:Organisation)
RETURN f.name AS funder, r.name AS recipient, coalesce(e.status, 'current') AS status,
       e.quotes AS quotes, e.documents AS documents
ORDER BY funder, recipient
