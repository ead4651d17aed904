// name: publications
// description: Every publication, with who wrote or published it.
// example: kg query run publications
// title: Publications and their authors
MATCH (p:Publication)
OPTIONAL MATCH (a)-[e:AUTHORED]->(p)
WITH p, a, e ORDER BY a.name
WITH p, collect(a.name) AS authors, collect(a.id) AS author_ids
RETURN p.name AS publication, authors, p.documents AS documents, [p.id] + author_ids AS _ids
ORDER BY publication
