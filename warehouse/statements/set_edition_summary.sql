update editions set summary = $summary::json where id = $id;
