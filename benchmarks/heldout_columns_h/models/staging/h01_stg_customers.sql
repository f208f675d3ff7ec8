with source as (
    select * from {{ ref('customers') }}
),

renamed as (
    select
        customer_id,
        trim(full_name) as customer_name,
        split_part(full_name, ' ', 1) as first_name,
        lower(email) as email,
        split_part(lower(email), '@', 2) as email_domain,
        segment,
        signup_ts,
        signup_ts::date as signup_date,
        coalesce(is_priority, false) as is_priority
    from source
)

select * from renamed
