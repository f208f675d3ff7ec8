pivot {{ ref('e07_int_account_plans') }}
on plan_name in ('Starter', 'Growth', 'Scale')
using sum(monthly_price)
group by account_id
