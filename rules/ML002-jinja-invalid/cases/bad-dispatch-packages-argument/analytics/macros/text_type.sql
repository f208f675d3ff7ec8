{# written for dbt before 1.0: `packages=` was removed in favour of `macro_namespace=` #}
{% macro text_type() %}
    {{ return(adapter.dispatch('text_type', packages=['analytics'])()) }}
{% endmacro %}

{% macro default__text_type() %}varchar{% endmacro %}
