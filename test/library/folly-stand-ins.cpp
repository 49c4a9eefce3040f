// The folly stand-ins under test/checks/Inputs/profiles/folly (the headers
// issue 26's tests of the folly profile use: executors, the EventBase loop,
// timers, futures, fibers) compile as C++17 and C++20, and every API they
// stand in for is called here once, as folly's users call it.
//
// RUN: %clangxx -std=c++17 -fsyntax-only -Wall -Wextra -Werror -I %asyncctx_inputs/profiles %s
// RUN: %clangxx -std=c++20 -fsyntax-only -Wall -Wextra -Werror -I %asyncctx_inputs/profiles %s

#include <folly/DefaultKeepAliveExecutor.h>
#include <folly/Executor.h>
#include <folly/Function.h>
#include <folly/ScopeGuard.h>
#include <folly/Unit.h>
#include <folly/executors/CPUThreadPoolExecutor.h>
#include <folly/executors/DrivableExecutor.h>
#include <folly/executors/IOExecutor.h>
#include <folly/executors/IOThreadPoolExecutor.h>
#include <folly/executors/InlineExecutor.h>
#include <folly/executors/ManualExecutor.h>
#include <folly/executors/QueuedImmediateExecutor.h>
#include <folly/executors/ScheduledExecutor.h>
#include <folly/executors/SequencedExecutor.h>
#include <folly/executors/ThreadPoolExecutor.h>
#include <folly/fibers/FiberManager.h>
#include <folly/futures/Future.h>
#include <folly/io/async/AsyncTimeout.h>
#include <folly/io/async/EventBase.h>
#include <folly/io/async/HHWheelTimer.h>
#include <folly/io/async/Request.h>
#include <folly/io/async/TimeoutManager.h>

int use(folly::RequestContext *);

struct Timeout : folly::AsyncTimeout {
  using AsyncTimeout::AsyncTimeout;
  void timeoutExpired() noexcept override { use(folly::RequestContext::try_get()); }
};
struct Cb : folly::HHWheelTimer::Callback {
  void timeoutExpired() noexcept override {}
};
struct Loop : folly::EventBase::LoopCallback {
  void runLoopCallback() noexcept override {}
};

void all(folly::EventBase &evb, folly::CPUThreadPoolExecutor &cpu, folly::IOThreadPoolExecutor &io,
         folly::ManualExecutor &manual, Timeout &timeout, Cb &cb, Loop &loop) {
  folly::RequestContextScopeGuard guard;
  folly::RequestContextSaverScopeGuard saver;
  auto ctx = folly::RequestContext::saveContext();
  cpu.add([] {});
  cpu.addWithPriority([] {}, folly::Executor::HI_PRI);
  io.add([ctx] { folly::RequestContextScopeGuard g(ctx); });
  manual.add([] {});
  manual.run();
  manual.drive();
  folly::QueuedImmediateExecutor::instance().add([] {});
  folly::InlineExecutor::instance().add([] {});
  evb.runInLoop(&loop);
  evb.runInLoop(&loop, true, nullptr);
  evb.runInLoop([] {});
  evb.runInEventBaseThread([] {});
  evb.runInEventBaseThreadAndWait([] {});
  evb.runImmediatelyOrRunInEventBaseThread([] {});
  evb.runInEventBaseThreadAlwaysEnqueue(folly::RequestContext::saveContext(), [] {});
  evb.add([] {});
  loop.cancelLoopCallback();
  timeout.scheduleTimeout(10);
  timeout.scheduleTimeout(std::chrono::milliseconds(10), {});
  timeout.cancelTimeout();
  evb.timer().scheduleTimeout(&cb, std::chrono::milliseconds(5));
  evb.timer().scheduleTimeoutFn([] {}, std::chrono::milliseconds(5));
  cb.cancelTimeout();
  folly::Executor::KeepAlive<> ka = &cpu;
  auto ka2 = folly::getKeepAliveToken(evb);
  auto f = folly::via(ka).thenValue([](folly::Unit) { return 1; }).thenValue([](int i) { return i + 1; });
  auto g = folly::makeSemiFuture(3).via(&evb).thenValue([](int) {});
  auto h = folly::via(&cpu, [] { return 2; });
  folly::fibers::FiberManager &fm = folly::fibers::FiberManager::getFiberManager();
  fm.addTask([] {});
  fm.addTaskRemote([] {});
  folly::fibers::addTask([] {});
  int r = fm.runInMainContext([] { return 1; });
  (void)r;
  (void)ka2;
}
