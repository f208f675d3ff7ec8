select * from (values ('web', 'Online'), ('store', 'Retail'), ('app', 'Mobile')) as channels
