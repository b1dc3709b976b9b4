#include "harness.h"

#include <cstdio>
#include <cstdlib>

namespace concord::fuzz {

void invariant_failed(const char* what) {
  std::fprintf(stderr, "concord fuzz: invariant failed: %s\n", what);
  std::abort();
}

}  // namespace concord::fuzz
