// A thread started on a function of another file: it starts with no value.
#include "claims.h"
#include <thread>

void serve(const std::string &payload) {
  claims_storage.run(Claims{payload}, [] {
#ifndef FIXED
    std::thread worker(refresh_profile);
#else
    std::thread worker(claims_storage.bind(refresh_profile));
#endif
    worker.join();
  });
}
