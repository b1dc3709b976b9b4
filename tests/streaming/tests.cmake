# `concord check --jsonl` sharded with GNU parallel (the README's recipe for
# large corpora) must give exactly the single-process output: the same lines
# in the same order with --keep-order, the same set of lines without it.
# Fails (does not skip) when parallel is missing: scripts/setup installs it.
add_test(NAME streaming.parallel_shards
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/parallel_test.sh $<TARGET_FILE:concord> ${PROJECT_SOURCE_DIR})
set_tests_properties(streaming.parallel_shards PROPERTIES TIMEOUT 120)

# -j N gives byte for byte the output of -j 1 (--jsonl, configured groups in
# every format, --report-dir).
add_test(NAME streaming.jobs_deterministic
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/jobs_test.sh $<TARGET_FILE:concord> ${PROJECT_SOURCE_DIR})
set_tests_properties(streaming.jobs_deterministic PROPERTIES TIMEOUT 300)
