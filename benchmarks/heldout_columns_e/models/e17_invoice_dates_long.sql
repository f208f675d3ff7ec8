unpivot (select invoice_id, issued_on, due_on from {{ ref('e04_stg_invoices') }})
on issued_on, due_on
into name date_kind value date_value
