// Built by cmake-package.test against an installed asyncctx: the headers
// come only from the package's include path.
#include <asyncctx/annotations.h>
#include <asyncctx/context_store.h>

#include <cstdio>

asyncctx::context_store<int> request_id;

int main() {
  int seen = request_id.run(42, [] { return *request_id.get_store(); });
  std::printf("inside run: %d, after: %s\n", seen,
              request_id.get_store() ? "set" : "none");
  return seen == 42 && !request_id.get_store() ? 0 : 1;
}
