# CONCORD_FUZZ: the libFuzzer harnesses of fuzz/ (clang only), built into
# <build>/fuzz/fuzz_text, fuzz_rules and fuzz_config with AddressSanitizer
# and UndefinedBehaviorSanitizer. The library is instrumented too, so that
# coverage guides the fuzzer through it. scripts/fuzz configures build-fuzz/
# with this option and runs each harness on its seed corpus in
# fuzz/corpus/<harness>/. The normal build replays the corpora and the kept
# crashes (fuzz/regressions/) without libFuzzer: tests/fuzz/tests.cmake.
option(CONCORD_FUZZ "Build the libFuzzer harnesses in fuzz/ (clang only)" OFF)

if(CONCORD_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "CONCORD_FUZZ needs clang: configure with -DCMAKE_CXX_COMPILER=clang++")
  endif()
  set(CONCORD_FUZZ_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  # PUBLIC: whatever links the library (concord, the tests) links the
  # sanitizer runtimes too.
  target_compile_options(concord_lib PUBLIC -fsanitize=fuzzer-no-link ${CONCORD_FUZZ_SANITIZERS})
  target_link_options(concord_lib PUBLIC -fsanitize=address,undefined)
  foreach(harness text rules config)
    add_executable(fuzz_${harness} fuzz/fuzz_${harness}.cpp fuzz/harness.cpp)
    target_compile_options(fuzz_${harness} PRIVATE ${CONCORD_WARNINGS})
    target_compile_definitions(fuzz_${harness} PRIVATE CONCORD_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
    target_link_libraries(fuzz_${harness} PRIVATE concord_lib)
    target_link_options(fuzz_${harness} PRIVATE -fsanitize=fuzzer)
    set_target_properties(fuzz_${harness} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
  endforeach()
endif()
