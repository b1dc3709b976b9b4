# The fuzz harnesses (fuzz/) without libFuzzer: fuzz_replay runs each one on
# its seed corpus (fuzz/corpus/<harness>/) and on every crash the fuzzer
# found (fuzz/regressions/<harness>/), so a fixed crash stays fixed. Under
# CONCORD_SANITIZE (scripts/test-sanitize) these run with ASan and UBSan.
set(CONCORD_FUZZ_DIR ${PROJECT_SOURCE_DIR}/fuzz)
add_executable(fuzz_replay ${CONCORD_FUZZ_DIR}/replay.cpp ${CONCORD_FUZZ_DIR}/harness.cpp
               ${CONCORD_FUZZ_DIR}/fuzz_text.cpp ${CONCORD_FUZZ_DIR}/fuzz_rules.cpp ${CONCORD_FUZZ_DIR}/fuzz_config.cpp)
target_compile_definitions(fuzz_replay PRIVATE CONCORD_FUZZ_REPLAY CONCORD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
target_compile_options(fuzz_replay PRIVATE ${CONCORD_WARNINGS})
target_link_libraries(fuzz_replay PRIVATE concord_lib)
foreach(harness text rules config)
  add_test(NAME fuzz.corpus.${harness} COMMAND fuzz_replay ${harness} ${CONCORD_FUZZ_DIR}/corpus/${harness})
  if(IS_DIRECTORY ${CONCORD_FUZZ_DIR}/regressions/${harness})
    add_test(NAME fuzz.regressions.${harness}
             COMMAND fuzz_replay ${harness} ${CONCORD_FUZZ_DIR}/regressions/${harness})
  endif()
endforeach()
