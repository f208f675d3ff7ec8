with source as (
    select * from {{ ref('orders') }}
),
renamed as (
    select
        order_id,
        customer_id,
        order_date as ordered_on,
        lower(status) as status,
        amount,
        channel
    from source
)
select * from renamed
