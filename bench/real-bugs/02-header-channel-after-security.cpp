// fbthrift 2c2df09fbe (2015), thrift/lib/cpp2/async/HeaderClientChannel.cpp
// Rule 1: requests queued until the security handshake completes are
// replayed from the handshake's callback, all in the context of the request
// that completed it.
#include <folly/io/async/Request.h>

#include <memory>
#include <vector>

namespace apache::thrift {

struct RequestCallback {
  std::shared_ptr<folly::RequestContext> context_;
};
void sendNow(RequestCallback &cb, folly::RequestContext *ctx);

class HeaderClientChannel {
public:
  void sendRequest(std::unique_ptr<RequestCallback> cb) {
#ifdef FIXED
    cb->context_ = folly::RequestContext::saveContext();
#endif
    if (securityPending_) {
      afterSecurity_.push_back(std::move(cb));
      return;
    }
    sendNow(*cb, folly::RequestContext::try_get());
  }

  void setSecurityComplete() {
    securityPending_ = false;
    for (auto &cb : afterSecurity_) {
#ifdef FIXED
      folly::RequestContext::setContext(cb->context_);
#endif
      sendNow(*cb, folly::RequestContext::try_get());
    }
    afterSecurity_.clear();
  }

private:
  bool securityPending_ = true;
  std::vector<std::unique_ptr<RequestCallback>> afterSecurity_;
};

} // namespace apache::thrift
