unpivot {{ ref('users') }}
on columns(* exclude (user_id, account_id, last_login_at))
into name attribute value attribute_value
