select * exclude (email), columns('^email$') from {{ ref('customers') }}
