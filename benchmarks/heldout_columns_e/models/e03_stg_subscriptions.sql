with source as (
    select * from {{ ref('subscriptions') }}
),

renamed as (
    select
        subscription_id,
        account_id,
        plan_id,
        started_on as start_date,
        coalesce(ended_on, date '2099-12-31') as end_date,
        status = 'active' as is_active
    from source
)

select * from renamed
