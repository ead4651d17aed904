// name: about
// description: Everything the graph says about one entity, one row per quote that states it.
// params: entity (entity) the entity, by name, alias or id
// example: kg query run about -p entity Shelter
// title: Everything about {entity}
// The entity is found through the id index of its label (an id names one node, so at most one
// of these lookups finds it), and only the fact types are walked, never the many mentions.
OPTIONAL MATCH (p:Person {id: $entity})
OPTIONAL MATCH (o:Organisation {id: $entity})
OPTIONAL MATCH (c:Cell {id: $entity})
OPTIONAL MATCH (m:Meeting {id: $entity})
OPTIONAL MATCH (k:Concept {id: $entity})
OPTIONAL MATCH (pl:Place {id: $entity})
OPTIONAL MATCH (pub:Publication {id: $entity})
WITH coalesce(p, o, c, m, k, pl, pub) AS n
WHERE n IS NOT NULL
MATCH (n)-[e:SPOKE_AT|CHAIRED|ATTENDED|LEADS|ROLE_AT|MEMBER_OF|FUNDED|PARTNERED_WITH|PART_OF|DISCUSSED|AUTHORED|LOCATED_IN]-(x)
UNWIND range(0, size(e.quotes) - 1) AS i
RETURN type(e) AS relation,
       CASE WHEN type(e) = 'PARTNERED_WITH' THEN 'with' WHEN startNode(e) = n THEN 'to' ELSE 'from' END AS direction,
       x.name AS other, labels(x)[0] AS kind, e.quotes[i] AS quote, e.documents[i] AS document,
       e.sections[i] AS section, [x.id] AS _ids
ORDER BY relation, other, document, section, quote
