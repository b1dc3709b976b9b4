# CONCORD_SANITIZE: AddressSanitizer and UndefinedBehaviorSanitizer on the
# library, the executable and the unit tests. Every finding stops the
# program (-fno-sanitize-recover), so a test cannot pass over one.
# scripts/test-sanitize builds this into build-sanitize/ and runs ctest
# with ASAN_OPTIONS and UBSAN_OPTIONS that abort on the first report.
option(CONCORD_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)

if(CONCORD_SANITIZE)
  set(CONCORD_SANITIZE_FLAGS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  foreach(target concord_lib concord concord_tests concord_test_main fuzz_replay)
    if(TARGET ${target})
      target_compile_options(${target} PRIVATE ${CONCORD_SANITIZE_FLAGS})
      target_link_options(${target} PRIVATE -fsanitize=address,undefined)
    endif()
  endforeach()
endif()
