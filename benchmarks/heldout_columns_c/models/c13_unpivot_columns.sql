unpivot {{ ref('order_items') }} on columns(* exclude (order_id)) into name field value val
