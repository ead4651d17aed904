// name: funders-of
// description: Who funds an organisation and whom it funds, and whether the funding is current, past or ended (or not stated).
// params: organisation (entity, Organisation) the organisation, by name, alias or id
// example: kg query run funders-of -p organisation "Participatory City"
// title: Funding of {organisation}
MATCH (o:Organisation {id: $organisation})-[e:FUNDED]-(x:Organisation)
RETURN CASE WHEN startNode(e) = o THEN 'funds' ELSE 'is funded by' END AS relation,
       x.name AS organisation, coalesce(e.status, 'not stated') AS status, e.quotes AS quotes,
       [i IN range(0, size(e.quotes) - 1) | e.documents[i] + ' § ' + coalesce(e.sections[i], '')] AS sources, [x.id] AS _ids
ORDER BY relation, organisation
