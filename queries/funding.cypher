// name: funding
// description: Who funds whom, and whether the funding is current, past or ended (or the text does not say).
// example: kg query run funding
// title: Who funds whom
MATCH (f:Organisation)-[e:FUNDED]->(r:Organisation)
RETURN f.name AS funder, r.name AS recipient, coalesce(e.status, 'not stated') AS status,
       e.quotes AS quotes, [i IN range(0, size(e.quotes) - 1) | e.documents[i] + ' § ' + coalesce(e.sections[i], '')] AS sources,
       [f.id, r.id] AS _ids
ORDER BY funder, recipient
