# fixtures/all-kinds plants at least one finding of every check. Its SARIF
# must validate against the official SARIF 2.1.0 schema (tests/schemas) and
# have one rule per registered check, each with results.
add_test(NAME sarif.schema.all-kinds
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/sarif_validate.sh $<TARGET_FILE:concord>
                 ${PROJECT_SOURCE_DIR}/fixtures/all-kinds
                 ${PROJECT_SOURCE_DIR}/tests/schemas/sarif-schema-2.1.0.json)
add_test(NAME sarif.rules.all-kinds
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/sarif_kinds.sh $<TARGET_FILE:concord> ${PROJECT_SOURCE_DIR}/fixtures/all-kinds)
