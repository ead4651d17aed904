// name: meeting-people
// description: Who took part in a meeting: who chaired it, who spoke and who attended, with the words that say so.
// params: meeting (entity, Meeting) the meeting, by name, alias or id
// example: kg query run meeting-people -p meeting "Sharing Power Cell 3"
// title: Who took part in {meeting}
MATCH (p:Person)-[e:CHAIRED|SPOKE_AT|ATTENDED]->(m:Meeting {id: $meeting})
RETURN p.name AS person,
       CASE type(e) WHEN 'CHAIRED' THEN 'chaired' WHEN 'SPOKE_AT' THEN 'spoke' ELSE 'attended' END AS part,
       e.quotes AS quotes,
       [i IN range(0, size(e.quotes) - 1) | e.documents[i] + ' § ' + coalesce(e.sections[i], '')] AS sources,
       [p.id] AS _ids
ORDER BY person, part
