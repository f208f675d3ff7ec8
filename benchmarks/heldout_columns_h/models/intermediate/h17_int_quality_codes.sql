select * from (values ('est', 'Estimated by supplier', 2), ('late', 'Received late', 1), ('spike', 'Unusual jump', 3), ('dup', 'Duplicate submission', 1), ('review', 'Needs manual review', 3))
