select 1, 'static', true, 2.5
