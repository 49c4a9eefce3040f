// The claims example with a background audit queue: each request runs with
// its caller's claims (a proper `run` scope), and hands an audit job to a
// queue that a worker thread drains later. The job reads the claims when it
// runs, on the worker, where no request's claims are current: every audit
// entry says "anonymous" (asyncctx-lost-context, rule 1 of "Deferred work").
//
// The fix is the store's bind, which the warning's note offers
// (`asyncctx-tidy --fix-notes`): the job then runs with the claims that were
// current where it was handed on, and the audit names the right user.
//
//   printf 'alice\nbob\n' | build/examples/claims-service-audit-queue
#include "asyncctx/context_store.h"

#include <aws/lambda-runtime/runtime.h>

#include <deque>
#include <functional>
#include <iostream>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

using aws::lambda_runtime::invocation_request;
using aws::lambda_runtime::invocation_response;

struct Claims {
  std::string user;
};

asyncctx::context_store<Claims> claims_storage;

std::string current_user() {
  const Claims *claims = claims_storage.get_store();
  return claims ? claims->user : "anonymous";
}

// A queue of jobs for a background worker: push() keeps the job for later.
class AuditQueue {
public:
  void push(std::function<void()> job) {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  void drain() {
    std::deque<std::function<void()>> jobs;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      jobs.swap(jobs_);
    }
    for (auto &job : jobs)
      job();
  }

private:
  std::mutex mutex_;
  std::deque<std::function<void()>> jobs_;
};

AuditQueue audit_queue;

void audit(const std::string &what) {
  audit_queue.push([what] { std::cout << "audit: " << what << " by " << current_user() << "\n"; });
}

invocation_response handler(const invocation_request &request) {
  return claims_storage.run(Claims{request.payload}, [&] {
    audit("list items");
    return invocation_response::success("items of " + current_user(), "text/plain");
  });
}

int main() {
  aws::lambda_runtime::run_handler(handler);
  // The worker drains the audit queue after the requests.
  std::thread worker([] { audit_queue.drain(); });
  worker.join();
}
