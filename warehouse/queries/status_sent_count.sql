select count(*) as n, max(sent_at) as last_sent_at, from deliveries where status = 'sent';
