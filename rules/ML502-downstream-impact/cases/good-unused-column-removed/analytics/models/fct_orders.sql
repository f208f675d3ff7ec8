-- status is no longer published
select 1 as order_id, 9.5 as amount, current_date as order_date
