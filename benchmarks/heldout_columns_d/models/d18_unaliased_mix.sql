select customer_id, upper(country), length(email), signup_date + 30 from {{ ref('customers') }}
