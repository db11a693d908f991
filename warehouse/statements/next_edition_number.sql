select nextval('edition_id_seq') as n;
