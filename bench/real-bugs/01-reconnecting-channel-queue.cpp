// fbthrift 39ee148e13 (2025), thrift/lib/cpp2/async/ReconnectingRequestChannel.cpp
// Rule 1: a request queued while the channel reconnects is sent later, from
// the reconnect callback, in whatever context that runs in.
#include <folly/Function.h>
#include <folly/io/async/Request.h>

#include <deque>
#include <memory>

namespace apache::thrift {

struct RequestCallback {};
void sendNow(std::unique_ptr<RequestCallback> cob, folly::RequestContext *ctx);

class ReconnectingRequestChannel {
public:
  void sendRequestResponse(std::unique_ptr<RequestCallback> cob) {
    if (!isChannelGood()) {
#ifndef FIXED
      requestQueue_.emplace_back([cob = std::move(cob)](bool /*fail*/) mutable {
        sendNow(std::move(cob), folly::RequestContext::try_get());
      });
#else
      requestQueue_.emplace_back([rctx = folly::RequestContext::saveContext(),
                                  cob = std::move(cob)](bool /*fail*/) mutable {
        const folly::RequestContextScopeGuard guard{std::move(rctx)};
        sendNow(std::move(cob), folly::RequestContext::try_get());
      });
#endif
      return;
    }
    sendNow(std::move(cob), folly::RequestContext::try_get());
  }

  void onConnected() {
    for (auto &send : requestQueue_)
      send(false);
    requestQueue_.clear();
  }

private:
  bool isChannelGood() const;
  std::deque<folly::Function<void(bool)>> requestQueue_;
};

} // namespace apache::thrift
