# `concord serve` and CONCORD_SERVER: a check run by the server gives the
# output, files and exit status of the same check run in-process (every
# format, --report-dir, --jsonl on stdin, a bad source, a changed config),
# and a client of another build, or with no server listening, checks in
# its own process.
add_test(NAME server.same_as_in_process
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/server_test.sh $<TARGET_FILE:concord> ${PROJECT_SOURCE_DIR})
set_tests_properties(server.same_as_in_process PROPERTIES TIMEOUT 300)
