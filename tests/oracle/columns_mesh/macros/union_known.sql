{#- A union of relations over the union of their columns, as cross-database packages write it: each relation's
    columns from adapter.get_columns_in_relation; for a name two relations share, the column whose string is
    longer (is_string / string_size), else the first; a relation without the column gives null. -#}
{% macro union_known(relations, label_column='from_relation') %}
    {%- set chosen = {} -%}
    {%- set order = [] -%}
    {%- set present = {} -%}
    {%- for relation in relations -%}
        {%- set names = [] -%}
        {%- for col in adapter.get_columns_in_relation(relation) -%}
            {%- set key = col.column | lower -%}
            {%- do names.append(key) -%}
            {%- if key not in chosen -%}
                {%- do chosen.update({key: col}) -%}
                {%- do order.append(key) -%}
            {%- elif col.is_string() and chosen[key].is_string() and col.string_size() > chosen[key].string_size() -%}
                {%- do chosen.update({key: col}) -%}
            {%- elif col.is_number() and not chosen[key].is_number() -%}
                {%- do chosen.update({key: col}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- do present.update({relation.identifier: names}) -%}
    {%- endfor -%}
    {%- for relation in relations %}
    select
        '{{ relation.identifier }}' as {{ label_column }},
        {%- for key in order %}
        {% if key in present[relation.identifier] %}{{ chosen[key].column }}{% else %}null{% endif %} as {{ chosen[key].column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    {% if not loop.last %}union all{% endif %}
    {%- endfor %}
{% endmacro %}
