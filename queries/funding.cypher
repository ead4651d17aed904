// name: funding
// description: Who funds whom, with funding that has ended marked as ended.
// example: kg query run funding
MATCH (f:Organisation)-[e:FUNDED]->(r:Organisation)
RETURN f.name AS funder, r.name AS recipient, coalesce(e.status, 'current') AS status,
       e.quotes AS quotes, [i IN range(0, size(e.quotes) - 1) | e.documents[i] + ' § ' + coalesce(e.sections[i], '')] AS sources
ORDER BY funder, recipient
