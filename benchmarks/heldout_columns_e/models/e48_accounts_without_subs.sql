select account_id from {{ ref('e01_stg_accounts') }}
except
select account_id from {{ ref('e03_stg_subscriptions') }} where is_active
