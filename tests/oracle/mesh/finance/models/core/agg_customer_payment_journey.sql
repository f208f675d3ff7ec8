with stg_payments as (
    select * from {{ ref('stg_payments') }}
),

fct_orders as (
    select * from {{ ref('analytics', 'fct_orders', v=1) }}
),

{#- The quickstart pivots with dbt_utils.pivot over dbt_utils.get_column_values; dbt_utils is not
    installable offline, so the pivot is spelled out for the payment methods in the seed. #}
final as (
    select
        days_as_customer_at_purchase,
        sum(case when payment_method = 'credit_card' then amount else 0 end) as total_credit_card_amount,
        sum(case when payment_method = 'coupon' then amount else 0 end) as total_coupon_amount,
        sum(case when payment_method = 'bank_transfer' then amount else 0 end) as total_bank_transfer_amount,
        sum(case when payment_method = 'gift_card' then amount else 0 end) as total_gift_card_amount,
        sum(amount) as total_amount
    from fct_orders
    left join stg_payments using (order_id)
    group by 1
)

select * from final
