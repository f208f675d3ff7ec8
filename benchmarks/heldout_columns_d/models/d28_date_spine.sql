select range::date as day from range(date '2024-01-01', date '2024-01-31', interval 1 day)
